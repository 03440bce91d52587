/**
 * A test double of the browser WebSocket, driven from the test as the gateway would: `FakeSocket.latest()` is
 * the last socket the client opened; `open()`, `push(frame)` and `serverClose(code)` act as the server;
 * `sent` holds the frames the client wrote, parsed.
 */
export function fakeSocketClass() {
  const sockets = [];
  class FakeSocket {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;
    static sockets = sockets;
    static latest() {
      return sockets.at(-1);
    }

    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      this.closedWith = undefined;
      this.onopen = null;
      this.onmessage = null;
      this.onclose = null;
      this.onerror = null;
      sockets.push(this);
    }

    send(text) {
      if (this.readyState !== 1) throw new Error('InvalidStateError: not open');
      this.sent.push(JSON.parse(text));
    }

    close(code = 1000, reason = '') {
      if (this.readyState >= 2) return;
      this.closedWith = { code, reason };
      this.readyState = 2;
      // As a browser: the close event comes later, when the handshake ends.
      queueMicrotask(() => this.#closed(code, reason));
    }

    // --- the server's side ---
    open() {
      this.readyState = 1;
      this.onopen?.({});
    }

    push(frame) {
      this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
    }

    serverClose(code, reason = '') {
      this.#closed(code, reason);
    }

    /** The frames of `event` the client wrote. */
    frames(event) {
      return this.sent.filter((f) => f.event === event);
    }

    /** Answers the last unanswered request of `event` with an ack carrying `data`. */
    ack(event, data = {}) {
      const frame = this.frames(event).at(-1);
      this.push({ event: 'ack', id: frame.id, data });
      return frame;
    }

    #closed(code, reason) {
      if (this.readyState === 3) return;
      this.readyState = 3;
      this.onclose?.({ code, reason });
    }
  }
  return FakeSocket;
}

/** Polls `condition` until true, or fails after `ms`. */
export async function until(condition, ms = 2000, what = 'condition') {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** An unsigned JWT whose payload holds `claims` (the client only reads `exp`). */
export function jwt(claims) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none' })}.${encode(claims)}.sig`;
}
