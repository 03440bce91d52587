import { Backoff } from './backoff.js';
import { HeraldError } from './herald-error.js';
import { fromSync } from './messages.js';

/** Statuses after which a background sync is tried again by itself. */
const TRANSIENT = new Set(['UNAVAILABLE', 'RESOURCE_EXHAUSTED', 'INTERNAL', 'DEADLINE_EXCEEDED']);

/**
 * Pages with `sync` from the last `nextAfter` kept until `hasMore` is false (docs/protocol.md, "sync"): after
 * every sign-in and on every `resync`. A request to catch up while one runs makes it run once more from where it
 * got to (a restarted message-service means two `resync`s: the second must be honoured). The cursor only moves
 * forward, to the `nextAfter` of each reply: it follows publish order, so there is nothing to rewind
 * (docs/reliability.md); only a cursor the server refuses (`after` unknown or malformed) restarts from the start.
 */
export class CatchUp {
  #request;
  #deliver;
  #cursorStore;
  #limit;
  #timers;
  #onReset;
  #onFailure;
  #retry;
  #running = false;
  #again = false;
  #retryTimer;

  /**
   * @param {object} deps
   * @param {(event: string, data: object) => Promise<any>} deps.request
   * @param {(message: object) => void} deps.deliver
   * @param {{get(): string|null|undefined, set(cursor: string): void}} deps.cursorStore
   * @param {number} deps.limit page size
   * @param {{setTimeout: Function, clearTimeout: Function}} deps.timers
   * @param {() => void} deps.onReset the server refused the cursor: syncing again from the first message
   * @param {(error: HeraldError) => void} deps.onFailure a sync failed (it is retried when transient)
   * @param {() => number} [deps.random]
   */
  constructor(deps) {
    this.#request = deps.request;
    this.#deliver = deps.deliver;
    this.#cursorStore = deps.cursorStore;
    this.#limit = deps.limit;
    this.#timers = deps.timers;
    this.#onReset = deps.onReset;
    this.#onFailure = deps.onFailure;
    this.#retry = new Backoff({ minMs: 500, maxMs: 20000, random: deps.random });
  }

  get cursor() {
    return this.#cursorStore.get() ?? '';
  }

  /** Catch up now (or once more, when a catch-up is running). */
  async run() {
    this.#timers.clearTimeout(this.#retryTimer);
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    try {
      do {
        this.#again = false;
        await this.#pageToTheEnd();
      } while (this.#again);
    } finally {
      this.#running = false;
    }
  }

  /** The session ended: no retry pending. */
  stop() {
    this.#timers.clearTimeout(this.#retryTimer);
  }

  async #pageToTheEnd() {
    try {
      let more = true;
      while (more) {
        const reply = await this.#request('sync', { after: this.cursor, limit: this.#limit });
        for (const item of reply.messages ?? []) this.#deliver(fromSync(item));
        this.#cursorStore.set(reply.nextAfter ?? this.cursor);
        more = reply.hasMore === true;
      }
      this.#retry.reset();
    } catch (error) {
      this.#failed(error);
    }
  }

  #failed(error) {
    if (!(error instanceof HeraldError) || error.lostConnection) {
      if (!(error instanceof HeraldError)) this.#onFailure(error);
      return; // the next sign-in catches up again
    }
    if (error.field === 'after' && this.cursor !== '') {
      this.#cursorStore.set('');
      this.#onReset();
      this.#again = true;
      return;
    }
    this.#onFailure(error);
    if (TRANSIENT.has(error.status)) {
      const wait = error.retryAfterMs ?? this.#retry.next();
      this.#retryTimer = this.#timers.setTimeout(() => this.run(), wait);
    }
  }
}
