import { Backoff } from './backoff.js';
import { HeraldError } from './herald-error.js';

/** Send exceptions after which the same send (same clientId) is tried again by itself. */
const RETRIED_SEND = new Set(['UNAVAILABLE', 'RESOURCE_EXHAUSTED']);

/**
 * The requests of a session: frame ids, the queue of those waiting for a signed-in socket, the window of those
 * written and unanswered, and their replies matched by id. Sends outlive a socket (re-sent with their clientId on
 * the next one); other requests a closed socket left unanswered are rejected as lost.
 */
export class Requests {
  #timers;
  #maxInFlight;
  #maxFrameBytes;
  #requestTimeoutMs;
  #sendRetries;
  #sendBackoff;
  #onStalled;
  #onSendAcked;
  #accepting = false;
  /** Writes a frame on the signed-in socket; undefined while there is none. */
  #write;
  #nextId = 0;
  /** Bumped when the socket goes: the timers of its requests are void. */
  #epoch = 0;
  #queue = [];
  #inFlight = new Map();

  /**
   * @param {object} deps
   * @param {{setTimeout: Function, clearTimeout: Function}} deps.timers
   * @param {number} deps.maxInFlight
   * @param {number} deps.maxFrameBytes
   * @param {number} deps.requestTimeoutMs a request unanswered this long: `onStalled` (the socket is dead)
   * @param {number} deps.sendRetries
   * @param {() => void} deps.onStalled
   * @param {(id: string) => void} deps.onSendAcked the id of a message this client sent
   * @param {() => number} [deps.random]
   */
  constructor(deps) {
    this.#timers = deps.timers;
    this.#maxInFlight = deps.maxInFlight;
    this.#maxFrameBytes = deps.maxFrameBytes;
    this.#requestTimeoutMs = deps.requestTimeoutMs;
    this.#sendRetries = deps.sendRetries;
    this.#onStalled = deps.onStalled;
    this.#onSendAcked = deps.onSendAcked;
    // Apart from the reconnect backoff, which a refused send must not raise.
    this.#sendBackoff = new Backoff({ minMs: 100, maxMs: 5000, random: deps.random });
  }

  /** The session runs: requests are taken (and wait for a signed-in socket). */
  accept() {
    this.#accepting = true;
  }

  /** The gateway named a smaller frame limit (close 1009): larger frames are refused from now on. */
  lowerFrameLimit(bytes) {
    if (bytes !== undefined && bytes < this.#maxFrameBytes) this.#maxFrameBytes = bytes;
  }

  add(event, data, send) {
    if (!this.#accepting) {
      return Promise.reject(new HeraldError({ status: 'UNAVAILABLE', message: 'not connected: call connect() first' }, event));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ event, data, resolve, reject, send, retriesLeft: send ? this.#sendRetries : 0 });
      this.#pump();
    });
  }

  /** A socket signed in: queued requests go out through `write`. */
  attach(write) {
    this.#write = write;
    this.#pump();
  }

  /**
   * Writes a frame at once, outside the queue and the window (`online`, before and after sign-in); `onReply`
   * gets its ack or exception frame.
   */
  writeNow(event, data, write, onReply) {
    const id = String(++this.#nextId);
    this.#track(id, { event, onReply });
    write(JSON.stringify({ event, id, data }));
  }

  /** An ack or exception; false when it answers no request of ours. */
  reply(frame) {
    const id = String(frame.id);
    const entry = this.#inFlight.get(id);
    if (!entry) return false;
    this.#inFlight.delete(id);
    this.#timers.clearTimeout(entry.timer);
    if (entry.onReply) {
      entry.onReply(frame);
    } else if (frame.event === 'ack') {
      if (entry.send && typeof frame.data?.id === 'string') this.#onSendAcked(frame.data.id);
      entry.resolve(frame.data ?? {});
    } else {
      this.#failed(entry, new HeraldError(frame.data ?? {}, entry.event));
    }
    this.#pump();
    return true;
  }

  /** The socket is gone: its unanswered sends wait at the head of the queue for the next one, the rest are lost. */
  detach() {
    this.#write = undefined;
    this.#epoch++;
    const resend = [];
    for (const entry of this.#inFlight.values()) {
      this.#timers.clearTimeout(entry.timer);
      if (entry.send) resend.push(entry);
      else if (entry.resolve) entry.reject(HeraldError.connectionLost(entry.event));
    }
    this.#inFlight.clear();
    this.#queue = [...resend, ...this.#queue];
  }

  /** The session is over: everything waiting is rejected with `error` (sends with their clientId, to retry). */
  rejectAll(error) {
    this.detach();
    this.#accepting = false;
    for (const entry of this.#queue) entry.reject(entry.send ? withClientId(error, entry) : error);
    this.#queue = [];
  }

  #pump() {
    while (this.#write && this.#inFlight.size < this.#maxInFlight && this.#queue.length > 0) {
      const entry = this.#queue.shift();
      const id = String(++this.#nextId);
      const frame = JSON.stringify({ event: entry.event, id, data: entry.data });
      const bytes = new TextEncoder().encode(frame).length;
      if (bytes > this.#maxFrameBytes) {
        entry.reject(new HeraldError({
          status: 'INVALID_ARGUMENT',
          message: `frame too large: ${bytes} bytes (the gateway takes at most ${this.#maxFrameBytes})`,
        }, entry.event));
        continue;
      }
      this.#track(id, entry);
      this.#write(frame);
    }
  }

  #track(id, entry) {
    const epoch = this.#epoch;
    entry.timer = this.#timers.setTimeout(() => epoch === this.#epoch && this.#onStalled(), this.#requestTimeoutMs);
    this.#inFlight.set(id, entry);
  }

  #failed(entry, error) {
    if (!entry.send || !RETRIED_SEND.has(error.status) || entry.retriesLeft <= 0) {
      entry.reject(error);
      return;
    }
    entry.retriesLeft--;
    this.#timers.setTimeout(() => {
      if (!this.#accepting) {
        entry.reject(error);
        return;
      }
      this.#queue.unshift(entry);
      this.#pump();
    }, error.retryAfterMs ?? this.#sendBackoff.next());
  }
}

function withClientId(error, entry) {
  const copy = new HeraldError({ status: error.status, message: `${error.message} (not acked: send again with clientId ${entry.data.clientId})` }, 'message');
  copy.clientId = entry.data.clientId;
  return copy;
}
