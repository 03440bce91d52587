/**
 * The browser's `offline` and `online` events (window, or any EventTarget given): the socket of a device that
 * went offline is dropped at once rather than when TCP notices, and the session comes back as soon as the device
 * is online again rather than after its backoff. No-op where there are no such events (Node).
 */
export function watchNetwork(target, { offline, online }) {
  if (!target || typeof target.addEventListener !== 'function') return;
  target.addEventListener('offline', offline);
  target.addEventListener('online', online);
}
