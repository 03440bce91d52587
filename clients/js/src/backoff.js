/**
 * Exponential backoff with full jitter, as centrifuge-js: attempt n waits a random time in
 * [min, min(max, min + min * 2^n)], so many clients dropped at once do not come back together.
 */
export class Backoff {
  #minMs;
  #maxMs;
  #random;
  #attempt = 0;

  /** @param {{minMs: number, maxMs: number, random?: () => number}} options */
  constructor({ minMs, maxMs, random = Math.random }) {
    if (!(minMs >= 0) || !(maxMs >= minMs)) {
      throw new RangeError(`reconnect delays: min ${minMs} ms, max ${maxMs} ms (expected 0 <= min <= max)`);
    }
    this.#minMs = minMs;
    this.#maxMs = maxMs;
    this.#random = random;
  }

  /** The wait before the next attempt; each call counts one more failed attempt. */
  next() {
    const step = Math.min(this.#attempt++, 31);
    const spread = Math.min(this.#maxMs, this.#minMs * 2 ** step);
    return Math.min(this.#maxMs, this.#minMs + Math.floor(this.#random() * spread));
  }

  /** A wait of at least `floorMs` (a close code that asks for patience), still jittered and capped. */
  nextAtLeast(floorMs) {
    return Math.max(this.next(), Math.min(this.#maxMs, floorMs + Math.floor(this.#random() * floorMs)));
  }

  /** Right after a failure that asks for a prompt retry (1001): a short random spread only. */
  soon() {
    this.#attempt++;
    return Math.floor(this.#random() * this.#minMs);
  }

  /** A session came online: the next failure starts from the shortest wait again. */
  reset() {
    this.#attempt = 0;
  }
}
