import { HeraldError } from './herald-error.js';
import { tokenExpiry } from './token-expiry.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Plans the token's refresh: some time before its `exp` (read from the JWT, not verified), asks getToken for a
 * fresher one and hands it to `onToken` (the client sends `online` with it on the signed-in socket). A getToken
 * that still gives the old token is asked again a little later, while the old one lasts.
 */
export class TokenRefresher {
  #getToken;
  #timers;
  #leadMs;
  #onToken;
  #onError;
  #timer;
  /** Bumped by stop(): a getToken answer of an earlier round is dropped. */
  #round = 0;

  /**
   * @param {object} deps
   * @param {() => string | Promise<string>} deps.getToken
   * @param {{setTimeout: Function, clearTimeout: Function, now: () => number}} deps.timers
   * @param {number} deps.leadMs refresh this long before exp, at most half the token's remaining life
   * @param {(token: string) => void} deps.onToken
   * @param {(error: HeraldError) => void} deps.onError
   */
  constructor({ getToken, timers, leadMs, onToken, onError }) {
    this.#getToken = getToken;
    this.#timers = timers;
    this.#leadMs = leadMs;
    this.#onToken = onToken;
    this.#onError = onError;
  }

  /** The gateway took `token`: plan its refresh (nothing when it carries no exp). */
  plan(token) {
    this.stop();
    const exp = tokenExpiry(token);
    if (exp === undefined) return;
    const remaining = exp - this.#timers.now();
    const round = this.#round;
    this.#later(round, exp, remaining - Math.min(this.#leadMs, remaining / 2));
  }

  stop() {
    this.#timers.clearTimeout(this.#timer);
    this.#round++;
  }

  async #refresh(round, oldExp) {
    let token;
    try {
      token = await this.#getToken();
    } catch (error) {
      this.#onError(new HeraldError({ status: 'UNAUTHENTICATED', message: `getToken failed: ${error?.message ?? error}` }, 'online'));
    }
    if (round !== this.#round) return;
    const exp = tokenExpiry(token);
    if (typeof token !== 'string' || token === '' || (exp !== undefined && exp <= oldExp)) {
      const remaining = oldExp - this.#timers.now();
      if (remaining > 0) this.#later(round, oldExp, Math.max(1000, remaining / 4));
      return;
    }
    this.#onToken(token);
  }

  #later(round, exp, wait) {
    this.#timer = this.#timers.setTimeout(() => this.#refresh(round, exp), Math.min(MAX_TIMER_MS, Math.max(0, wait)));
  }
}
