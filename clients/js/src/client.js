import { Backoff } from './backoff.js';
import { CatchUp } from './catch-up.js';
import { newClientId } from './client-id.js';
import { closePolicy, frameLimitOf } from './close-policy.js';
import { Emitter } from './emitter.js';
import { HeraldError } from './herald-error.js';
import { fromLive } from './messages.js';
import { SeenIds } from './seen-ids.js';
import { tokenExpiry } from './token-expiry.js';

/** Server events handed to the app as they come (docs/protocol.md, "Server events"); `message` is deduplicated. */
const PUSHED = new Set(['read', 'recalled', 'presence', 'typing', 'room']);
/** Send exceptions after which the same send (same clientId) is tried again by itself. */
const RETRIED_SEND = new Set(['UNAVAILABLE', 'RESOURCE_EXHAUSTED']);
const OPEN = 1;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A Herald session over one WebSocket at a time: signs in, keeps the session alive across reconnects (backoff by
 * close code), catches up with `sync`, hands every message to the app once, re-sends unacked sends with their
 * clientId, and refreshes the token before it expires. See README.md and index.d.ts.
 */
export class HeraldClient {
  #url;
  #getToken;
  #WebSocket;
  #timers;
  #events = new Emitter();
  #seen;
  #backoff;
  #catchUp;
  #maxInFlight;
  #maxFrameBytes;
  #requestTimeoutMs;
  #connectTimeoutMs;
  #refreshLeadMs;
  #sendRetries;

  #state = 'closed';
  #running = false;
  #generation = 0;
  #socket = null;
  #signedIn = false;
  #me;
  #firstOnline;
  #lastOnlineError;
  #nextFrameId = 0;
  /** Requests waiting to be written: not signed in yet, or the in-flight window is full. */
  #queue = [];
  /** Requests written on the current socket, by frame id, awaiting their ack or exception. */
  #inFlight = new Map();
  #reconnectTimer;
  #openTimer;
  #refreshTimer;

  /** @param {import('./index.js').HeraldClientOptions} options */
  constructor(options) {
    const o = options ?? {};
    if (typeof o.url !== 'string' || o.url === '') throw new TypeError('options.url must be the gateway URL, e.g. ws://127.0.0.1:8080/ws');
    if (typeof o.getToken !== 'function') throw new TypeError('options.getToken must be a function returning a token (or a promise of one)');
    const WebSocketClass = o.WebSocket ?? globalThis.WebSocket;
    if (typeof WebSocketClass !== 'function') {
      throw new TypeError('no WebSocket here: pass options.WebSocket (e.g. the ws package\'s) on platforms without a global one');
    }
    this.#url = o.url;
    this.#getToken = o.getToken;
    this.#WebSocket = WebSocketClass;
    this.#timers = o.timers ?? { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (t) => clearTimeout(t), now: () => Date.now() };
    this.#seen = new SeenIds(o.seenIdsLimit ?? 10000);
    this.#backoff = new Backoff({ minMs: o.minReconnectDelayMs ?? 500, maxMs: o.maxReconnectDelayMs ?? 20000, random: o.random });
    this.#maxInFlight = positive(o.maxInFlight ?? 32, 'maxInFlight');
    this.#maxFrameBytes = positive(o.maxFrameBytes ?? 65536, 'maxFrameBytes');
    this.#requestTimeoutMs = positive(o.requestTimeoutMs ?? 30000, 'requestTimeoutMs');
    this.#connectTimeoutMs = positive(o.connectTimeoutMs ?? 15000, 'connectTimeoutMs');
    this.#refreshLeadMs = positive(o.refreshLeadMs ?? 60000, 'refreshLeadMs');
    this.#sendRetries = o.sendRetries ?? 5;
    let memoryCursor = null;
    const cursorStore = o.cursorStore ?? { get: () => memoryCursor, set: (c) => { memoryCursor = c; } };
    this.#catchUp = new CatchUp({
      request: (event, data) => this.request(event, data),
      deliver: (message) => this.#deliver(message),
      cursorStore,
      limit: o.syncLimit ?? 100,
      timers: this.#timers,
      random: o.random,
      onReset: () => this.#events.emit('cursorReset'),
      onFailure: (error) => this.#events.emit('exception', error),
    });
    this.#listenToNetwork(o.networkEvents === undefined ? globalThis : o.networkEvents);
  }

  /** 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed' */
  get state() {
    return this.#state;
  }

  /** The signed-in user ({userId, name, unreadCount, user}) once online, else undefined. */
  get user() {
    return this.#me;
  }

  /** The sync position kept (a `nextAfter`, '' before the first). */
  get cursor() {
    return this.#catchUp.cursor;
  }

  on(event, listener) {
    return this.#events.on(event, listener);
  }

  off(event, listener) {
    this.#events.off(event, listener);
  }

  /** Starts the session; resolves with the first `online` ack, rejects if the session ends before one. */
  connect() {
    if (this.#running) return this.#firstOnline.promise;
    this.#running = true;
    this.#firstOnline = deferred();
    this.#open('connecting');
    return this.#firstOnline.promise;
  }

  /** Sends `offline`, closes with 1000 and stops reconnecting; what is still pending is rejected. */
  close() {
    if (!this.#running) return;
    const socket = this.#socket;
    if (socket && socket.readyState === OPEN) {
      try {
        if (this.#signedIn) socket.send('{"event":"offline"}');
        socket.close(1000, 'client closed');
      } catch {
        // Already closing: nothing more to tell the gateway.
      }
    }
    this.#end(1000, 'client closed', new HeraldError({ status: 'UNAVAILABLE', message: 'the client was closed' }));
  }

  /**
   * Sends a message (`{receivers, body, title?, type?}` or `{room, body}`); resolves with the ack data
   * `{id, createdAt}`. It carries a clientId (the one given, else a new one) and is sent again with it after a
   * reconnect, or after `UNAVAILABLE`/`RESOURCE_EXHAUSTED` (up to `sendRetries` times), until acked.
   */
  send(message) {
    if (message === null || typeof message !== 'object') return Promise.reject(new TypeError('send(message): message must be an object'));
    const data = { ...message, clientId: message.clientId ?? newClientId() };
    return this.#enqueue('message', data, { send: true, retriesLeft: this.#sendRetries });
  }

  /** Any client event of docs/protocol.md; resolves with the ack's data, rejects with a HeraldError. */
  request(event, data = {}) {
    if (typeof event !== 'string' || event === '') return Promise.reject(new TypeError('request(event, data): event must be a non-empty string'));
    if (event === 'online' || event === 'offline') {
      return Promise.reject(new TypeError(`request: ${event} is the library's own (use connect() and close())`));
    }
    return this.#enqueue(event, data, { send: false });
  }

  inbox(data) { return this.request('inbox', data); }
  unread(data) { return this.request('unread', data); }
  get(data) { return this.request('get', data); }
  read(data) { return this.request('read', data); }
  delete(data) { return this.request('delete', data); }
  sent(data) { return this.request('sent', data); }
  deleteSent(data) { return this.request('deleteSent', data); }
  recall(data) { return this.request('recall', data); }
  sync(data) { return this.request('sync', data); }
  createRoom(data) { return this.request('createRoom', data); }
  getRoom(data) { return this.request('getRoom', data); }
  updateRoom(data) { return this.request('updateRoom', data); }
  rooms(data) { return this.request('rooms', data); }
  publicRooms(data) { return this.request('publicRooms', data); }
  joinRoom(data) { return this.request('joinRoom', data); }
  leaveRoom(data) { return this.request('leaveRoom', data); }
  addMembers(data) { return this.request('addMembers', data); }
  removeMembers(data) { return this.request('removeMembers', data); }
  members(data) { return this.request('members', data); }
  deleteRoom(data) { return this.request('deleteRoom', data); }
  readRoom(data) { return this.request('readRoom', data); }
  roomMessages(data) { return this.request('roomMessages', data); }
  presence(data) { return this.request('presence', data); }
  typing(data) { return this.request('typing', data); }
  adminQuery(data) { return this.request('adminQuery', data); }
  adminCount(data) { return this.request('adminCount', data); }
  adminGet(data) { return this.request('adminGet', data); }
  adminDelete(data) { return this.request('adminDelete', data); }

  // --- requests ---------------------------------------------------------------------------------------------

  #enqueue(event, data, { send, retriesLeft }) {
    if (!this.#running) {
      return Promise.reject(new HeraldError({ status: 'UNAVAILABLE', message: 'not connected: call connect() first' }, event));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ event, data, resolve, reject, send, retriesLeft });
      this.#pump();
    });
  }

  /** Writes queued requests while signed in and under the in-flight window (the gateway answers 64 at most). */
  #pump() {
    while (this.#signedIn && this.#inFlight.size < this.#maxInFlight && this.#queue.length > 0) {
      this.#write(this.#queue.shift());
    }
  }

  #write(entry) {
    const id = String(++this.#nextFrameId);
    const frame = JSON.stringify({ event: entry.event, id, data: entry.data });
    const bytes = utf8Length(frame);
    if (bytes > this.#maxFrameBytes) {
      entry.reject(new HeraldError({
        status: 'INVALID_ARGUMENT',
        message: `frame too large: ${bytes} bytes (the gateway takes at most ${this.#maxFrameBytes})`,
      }, entry.event));
      return;
    }
    const generation = this.#generation;
    entry.timer = this.#timers.setTimeout(() => this.#stalled(generation), this.#requestTimeoutMs);
    this.#inFlight.set(id, entry);
    try {
      this.#socket.send(frame);
    } catch {
      // The socket is closing: its close event moves this entry back or rejects it.
    }
  }

  #onReply(frame) {
    const entry = this.#inFlight.get(String(frame.id));
    if (!entry) {
      if (frame.event === 'exception') this.#events.emit('exception', new HeraldError(frame.data ?? {}));
      return;
    }
    this.#inFlight.delete(String(frame.id));
    this.#timers.clearTimeout(entry.timer);
    if (entry.online) {
      entry.online(frame);
    } else if (frame.event === 'ack') {
      if (entry.send && frame.data?.id) this.#seen.add(frame.data.id); // never handed back as a `message` by sync
      entry.resolve(frame.data ?? {});
    } else {
      this.#failed(entry, new HeraldError(frame.data ?? {}, entry.event));
    }
    this.#pump();
  }

  #failed(entry, error) {
    if (!entry.send || !RETRIED_SEND.has(error.status) || entry.retriesLeft <= 0) {
      entry.reject(error);
      return;
    }
    entry.retriesLeft--;
    const wait = error.retryAfterMs ?? this.#backoff.next();
    this.#timers.setTimeout(() => {
      if (this.#running) {
        this.#queue.unshift(entry);
        this.#pump();
      } else {
        entry.reject(error);
      }
    }, wait);
  }

  // --- the socket -------------------------------------------------------------------------------------------

  async #open(state) {
    this.#setState(state);
    const generation = ++this.#generation;
    let token;
    try {
      token = await this.#getToken();
      if (typeof token !== 'string' || token === '') throw new TypeError('getToken() gave no token');
    } catch (error) {
      if (generation !== this.#generation || !this.#running) return;
      this.#events.emit('exception', new HeraldError({ status: 'UNAUTHENTICATED', message: `getToken failed: ${error?.message ?? error}` }, 'online'));
      this.#retryLater(this.#backoff.next());
      return;
    }
    if (generation !== this.#generation || !this.#running) return;
    let socket;
    try {
      socket = new this.#WebSocket(this.#url);
    } catch (error) {
      this.#end(1006, `cannot open ${this.#url}: ${error.message}`, new HeraldError({ status: 'INVALID_ARGUMENT', message: `cannot open ${this.#url}: ${error.message}` }));
      return;
    }
    this.#socket = socket;
    this.#signedIn = false;
    this.#lastOnlineError = undefined;
    socket.onopen = () => generation === this.#generation && this.#signIn(token, 'signIn');
    socket.onmessage = (event) => generation === this.#generation && this.#onFrame(event.data);
    socket.onclose = (event) => generation === this.#generation && this.#onClose(event.code, event.reason);
    socket.onerror = () => {}; // a close event follows, with the code
    this.#openTimer = this.#timers.setTimeout(
      () => this.#abandon(generation, `not online within ${this.#connectTimeoutMs} ms`), this.#connectTimeoutMs);
  }

  /** `online` with `token`: to sign in, or to refresh the token of a signed-in socket (a new ack). */
  #signIn(token, purpose) {
    const id = String(++this.#nextFrameId);
    const generation = this.#generation;
    const entry = {
      event: 'online',
      timer: this.#timers.setTimeout(() => this.#stalled(generation), this.#requestTimeoutMs),
      online: (frame) => (frame.event === 'ack' ? this.#onOnlineAck(frame.data ?? {}, token, purpose) : this.#onOnlineException(new HeraldError(frame.data ?? {}, 'online'), token, purpose)),
    };
    this.#inFlight.set(id, entry);
    try {
      this.#socket.send(JSON.stringify({ event: 'online', id, data: { token } }));
    } catch {
      // Closing: the close event decides what comes next.
    }
  }

  #onOnlineAck(data, token, purpose) {
    this.#me = { userId: data.user?.id, name: data.user?.name, unreadCount: data.unreadCount, user: data.user };
    this.#scheduleRefresh(token);
    if (purpose === 'refresh') return;
    this.#timers.clearTimeout(this.#openTimer);
    this.#signedIn = true;
    this.#backoff.reset();
    this.#setState('online');
    this.#firstOnline.resolve(this.#me);
    this.#pump();
    this.#catchUp.run();
  }

  #onOnlineException(error, token, purpose) {
    this.#lastOnlineError = error;
    this.#events.emit('exception', error);
    if (error.status === 'UNAUTHENTICATED' || /too many sockets/.test(error.message)) {
      return; // the gateway closes the socket (1008, 4029): the close code decides
    }
    if (RETRIED_SEND.has(error.status)) {
      const generation = this.#generation;
      const wait = error.retryAfterMs ?? this.#backoff.next();
      this.#timers.setTimeout(() => generation === this.#generation && this.#signIn(token, purpose), wait);
      return;
    }
    if (purpose === 'signIn') this.#abandon(this.#generation, `online refused: ${error.message}`);
  }

  #onFrame(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      this.#events.emit('exception', new HeraldError({ status: 'INTERNAL', message: 'the gateway sent a frame that is not JSON' }));
      return;
    }
    const event = frame?.event;
    if (event === 'ack' || event === 'exception') this.#onReply(frame);
    else if (event === 'message') this.#deliver(fromLive(frame.data ?? {}));
    else if (event === 'resync') {
      this.#events.emit('resync');
      this.#catchUp.run();
    } else if (PUSHED.has(event)) this.#events.emit(event, frame.data ?? {});
    // Anything else is an event of a newer gateway: ignored.
  }

  #deliver(message) {
    if (typeof message.id === 'string' && this.#seen.add(message.id)) this.#events.emit('message', message);
  }

  #onClose(code, reason) {
    this.#socketGone();
    const policy = closePolicy(code);
    if (code === 1009) this.#maxFrameBytes = Math.min(this.#maxFrameBytes, frameLimitOf(reason) ?? this.#maxFrameBytes);
    if (!policy.retry) {
      this.#end(code, reason, this.#lastOnlineError ?? new HeraldError({ status: 'UNAVAILABLE', message: `the gateway closed the socket: ${code} ${reason}` }));
      return;
    }
    this.#events.emit('closed', { code, reason, willRetry: true });
    if (policy.tokenRejected) this.#events.emit('tokenRejected');
    const wait = policy.delay === 'soon' ? this.#backoff.soon()
      : policy.delay === 'patient' ? this.#backoff.nextAtLeast(5000) : this.#backoff.next();
    this.#retryLater(wait);
  }

  /** Stops using the current socket: its unanswered sends wait for the next one, other requests are rejected. */
  #socketGone() {
    this.#generation++;
    this.#signedIn = false;
    this.#socket = null;
    this.#timers.clearTimeout(this.#openTimer);
    this.#timers.clearTimeout(this.#refreshTimer);
    const resend = [];
    for (const entry of this.#inFlight.values()) {
      this.#timers.clearTimeout(entry.timer);
      if (entry.send) resend.push(entry);
      else if (!entry.online) entry.reject(HeraldError.connectionLost(entry.event));
    }
    this.#inFlight.clear();
    this.#queue = [...resend, ...this.#queue];
  }

  /** The socket looks dead (no reply, no sign-in in time): close it and go on as if the network dropped it. */
  #abandon(generation, reason) {
    if (generation !== this.#generation || !this.#running) return;
    const socket = this.#socket;
    try {
      socket?.close(4000, reason.slice(0, 120));
    } catch {
      // Not open yet or already closing: dropping our side is enough.
    }
    this.#onClose(1006, reason);
  }

  #stalled(generation) {
    this.#abandon(generation, `no reply within ${this.#requestTimeoutMs} ms`);
  }

  #retryLater(wait) {
    this.#setState('offline');
    this.#timers.clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = this.#timers.setTimeout(() => this.#running && this.#open('reconnecting'), wait);
  }

  /** The session is over: nothing is retried, whatever waits is rejected with `error`. */
  #end(code, reason, error) {
    this.#running = false;
    this.#socketGone();
    this.#timers.clearTimeout(this.#reconnectTimer);
    this.#catchUp.stop();
    for (const entry of this.#queue) entry.reject(entry.send ? withClientId(error, entry) : error);
    this.#queue = [];
    this.#firstOnline.reject(error);
    this.#firstOnline.promise.catch(() => {}); // an app that awaited connect() earlier has its answer already
    this.#events.emit('closed', { code, reason, willRetry: false });
    this.#setState('closed');
  }

  // --- token refresh ----------------------------------------------------------------------------------------

  /** Plans an `online` with a fresh token before this one's `exp` (not verified here: only read). */
  #scheduleRefresh(token) {
    this.#timers.clearTimeout(this.#refreshTimer);
    const exp = tokenExpiry(token);
    if (exp === undefined) return;
    const remaining = exp - this.#timers.now();
    const wait = remaining - Math.min(this.#refreshLeadMs, remaining / 2);
    const generation = this.#generation;
    this.#refreshTimer = this.#timers.setTimeout(() => this.#refresh(generation, exp), clamp(wait));
  }

  async #refresh(generation, oldExp) {
    let token;
    try {
      token = await this.#getToken();
    } catch (error) {
      token = undefined;
      this.#events.emit('exception', new HeraldError({ status: 'UNAUTHENTICATED', message: `getToken failed: ${error?.message ?? error}` }, 'online'));
    }
    if (generation !== this.#generation || !this.#running) return;
    const exp = tokenExpiry(token);
    if (typeof token !== 'string' || (exp !== undefined && exp <= oldExp)) {
      // No fresher token yet: ask again a little later, while the current one lasts.
      const remaining = oldExp - this.#timers.now();
      if (remaining > 0) this.#refreshTimer = this.#timers.setTimeout(() => this.#refresh(generation, oldExp), clamp(Math.max(1000, remaining / 4)));
      return;
    }
    this.#signIn(token, 'refresh');
  }

  // --- state and network ------------------------------------------------------------------------------------

  #setState(state) {
    if (this.#state === state) return;
    this.#state = state;
    this.#events.emit('state', state);
  }

  /** The browser's offline/online events: drop the socket at once when the network goes, come back when it does. */
  #listenToNetwork(target) {
    if (!target || typeof target.addEventListener !== 'function') return;
    const offline = () => this.#socket && this.#abandon(this.#generation, 'the network went offline');
    const online = () => {
      if (this.#running && !this.#socket && this.#state === 'offline') {
        this.#timers.clearTimeout(this.#reconnectTimer);
        this.#open('reconnecting');
      }
    };
    target.addEventListener('offline', offline);
    target.addEventListener('online', online);
  }
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function positive(value, name) {
  if (!(typeof value === 'number' && value > 0)) throw new RangeError(`${name}: ${value} (expected: > 0)`);
  return value;
}

function clamp(ms) {
  return Math.min(MAX_TIMER_MS, Math.max(0, ms));
}

function utf8Length(text) {
  return new TextEncoder().encode(text).length;
}

function withClientId(error, entry) {
  const copy = new HeraldError({ status: error.status, message: `${error.message} (not acked: send again with clientId ${entry.data.clientId})` }, 'message');
  copy.clientId = entry.data.clientId;
  return copy;
}
