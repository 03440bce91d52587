/**
 * The ids of the messages already handed to the app, so one that comes both live and through `sync` is
 * delivered once. Bounded: past `limit` the oldest ids are forgotten (a message that old is past any
 * catch-up window the cursor leaves).
 */
export class SeenIds {
  #ids = new Set();
  #limit;

  constructor(limit) {
    if (!(Number.isInteger(limit) && limit > 0)) {
      throw new RangeError(`seenIdsLimit: ${limit} (expected: a positive integer)`);
    }
    this.#limit = limit;
  }

  /** Records `id`; true when it is new. */
  add(id) {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    if (this.#ids.size > this.#limit) {
      for (const oldest of this.#ids) {
        this.#ids.delete(oldest);
        break;
      }
    }
    return true;
  }

  get size() {
    return this.#ids.size;
  }
}
