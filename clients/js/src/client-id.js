/** A fresh retry key for a send: a random UUID where the platform has one (secure contexts, Node), else 122 random
 * bits from getRandomValues (which insecure http pages have too). */
export function newClientId() {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
