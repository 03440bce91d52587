import { byId } from './dom.js';

const KEPT = 'herald.signin';

/**
 * Where the session's tokens come from. On a local stack the gateway's `/config.json` names the development
 * identity provider's token endpoint: the user types a name and every token (the first, and each refresh the
 * library asks for before `exp`) is minted there. Elsewhere the user pastes a token.
 */
export class TokenSource {
  /** @param {{kind: 'dev', url: string, user: string, name?: string, admin?: boolean} | {kind: 'token', token: string}} choice */
  constructor(choice) {
    this.choice = choice;
  }

  /** Asked by the library on connect, reconnect and before the token expires. */
  async getToken() {
    if (this.choice.kind === 'token') return this.choice.token;
    const { url, user, name, admin } = this.choice;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user, name: name || undefined, admin: Boolean(admin) }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(`the token endpoint answered ${response.status}: ${body.error ?? response.statusText}`);
    return body.token;
  }

  /** Whether a pasted token can be renewed: a minted one always can. */
  get renewable() {
    return this.choice.kind === 'dev';
  }
}

/** The claims of a JWT, read without checking it (the gateway checks it): for the admin role and the user id. */
export function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(payload))));
  } catch {
    return {};
  }
}

/**
 * The sign-in view: the name form when the gateway names a token endpoint, the paste form always. Calls
 * `onChoice(TokenSource)`; the choice is kept for the tab's life (sessionStorage), so a reload signs in again.
 */
export class SignInView {
  #config;
  #onChoice;

  constructor(config, onChoice) {
    this.#config = config;
    this.#onChoice = onChoice;
    const dev = byId('dev-signin');
    dev.hidden = !config.devTokenUrl;
    dev.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#choose({
        kind: 'dev', url: config.devTokenUrl, user: byId('dev-user').value.trim(),
        name: byId('dev-name').value.trim(), admin: byId('dev-admin').checked,
      });
    });
    byId('token-signin').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#choose({ kind: 'token', token: byId('token').value.trim() });
    });
  }

  /** The choice kept from earlier in this tab, if any. */
  kept() {
    try {
      const choice = JSON.parse(sessionStorage.getItem(KEPT) ?? 'null');
      if (choice?.kind === 'dev' && this.#config.devTokenUrl) return new TokenSource({ ...choice, url: this.#config.devTokenUrl });
      if (choice?.kind === 'token') return new TokenSource(choice);
    } catch {
      sessionStorage.removeItem(KEPT);
    }
    return undefined;
  }

  forget() {
    sessionStorage.removeItem(KEPT);
  }

  show() {
    byId('signin-view').hidden = false;
    (this.#config.devTokenUrl ? byId('dev-user') : byId('token')).focus();
  }

  hide() {
    byId('signin-view').hidden = true;
  }

  #choose(choice) {
    sessionStorage.setItem(KEPT, JSON.stringify(choice));
    this.#onChoice(new TokenSource(choice));
  }
}
