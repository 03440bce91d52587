/**
 * What the session does after the gateway closed its socket with a code (docs/protocol.md, "Close codes").
 *
 * - `retry`: whether the library reconnects by itself;
 * - `delay`: `'soon'` (a short jitter: the gateway went away), `'backoff'` (exponential with jitter),
 *   `'patient'` (backoff with a higher floor: the server asked to be spared);
 * - `tokenRejected`: the token was refused or expired: getToken is asked again before the retry.
 */
const POLICIES = new Map([
  // After `offline` (ours or another's): reconnect only when the user comes back, i.e. connect() again.
  [1000, { retry: false }],
  // The gateway is shutting down, or closed a quiet socket: another gateway (or this one) takes it at once.
  [1001, { retry: true, delay: 'soon' }],
  // No close frame at all: the network or the gateway died.
  [1006, { retry: true, delay: 'backoff' }],
  [1008, { retry: true, delay: 'backoff', tokenRejected: true }],
  // A frame over the limit: the library lowers its own limit to the one named and reconnects; that frame is
  // refused locally from then on, so this is no loop.
  [1009, { retry: true, delay: 'backoff' }],
  [1011, { retry: true, delay: 'backoff' }],
  [1012, { retry: true, delay: 'backoff' }],
  // Slow consumer: read what was asked for, come back later.
  [1013, { retry: true, delay: 'patient' }],
  // Too many sockets for this user: not an auth failure, but retrying in a loop cannot help; the app decides.
  [4029, { retry: false }],
]);

/** @param {number} code */
export function closePolicy(code) {
  const known = POLICIES.get(code);
  if (known) return known;
  // Codes 4000-4999 are the application's: a limit or a refusal the library does not know; tell the app.
  if (code >= 4000 && code <= 4999) return { retry: false };
  return { retry: true, delay: 'backoff' };
}

/** The limit a 1009 names ("message over 65536 bytes"), or undefined. */
export function frameLimitOf(reason) {
  const match = /over (\d+) bytes/.exec(reason ?? '');
  return match ? Number(match[1]) : undefined;
}
