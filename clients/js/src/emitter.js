/** Listeners by event name. A listener that throws does not stop the others or the library: its error is rethrown
 * on its own (the browser's console, Node's uncaught exception), never swallowed. */
export class Emitter {
  #listeners = new Map();

  /** @returns {() => void} a function that removes the listener */
  on(event, listener) {
    if (typeof listener !== 'function') throw new TypeError(`listener for ${event} must be a function`);
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event).add(listener);
    return () => this.off(event, listener);
  }

  off(event, listener) {
    this.#listeners.get(event)?.delete(listener);
  }

  emit(event, value) {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        listener(value);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  has(event) {
    return (this.#listeners.get(event)?.size ?? 0) > 0;
  }
}
