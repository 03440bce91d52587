import { Backoff } from './backoff.js';
import { CatchUp } from './catch-up.js';
import { newClientId } from './client-id.js';
import { closePolicy, frameLimitOf } from './close-policy.js';
import { Emitter } from './emitter.js';
import { HeraldError } from './herald-error.js';
import { watchNetwork } from './network-watch.js';
import { fromLive } from './messages.js';
import { Requests } from './requests.js';
import { SeenIds } from './seen-ids.js';
import { TokenRefresher } from './token-refresher.js';

/** Server events handed to the app as they come (docs/protocol.md, "Server events"); `message` is deduplicated. */
const PUSHED = new Set(['read', 'recalled', 'presence', 'typing', 'room']);
/** `online` exceptions after which the same `online` is tried again on the same socket. */
const RETRIED_ONLINE = new Set(['UNAVAILABLE', 'RESOURCE_EXHAUSTED']);
const OPEN = 1;

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
  #requests;
  #connectTimeoutMs;
  #refresher;

  #state = 'closed';
  #running = false;
  #generation = 0;
  #socket = null;
  #signedIn = false;
  #me;
  #firstOnline;
  #lastOnlineError;
  #reconnectTimer;
  #openTimer;

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
    this.#requests = new Requests({
      timers: this.#timers,
      maxInFlight: positive(o.maxInFlight ?? 32, 'maxInFlight'),
      maxFrameBytes: positive(o.maxFrameBytes ?? 65536, 'maxFrameBytes'),
      requestTimeoutMs: positive(o.requestTimeoutMs ?? 30000, 'requestTimeoutMs'),
      sendRetries: o.sendRetries ?? 5,
      random: o.random,
      onStalled: () => this.#abandon(this.#generation, 'a request went unanswered: the socket looks dead'),
      onSendAcked: (id) => this.#seen.add(id), // never handed back as a `message` by sync
    });
    this.#connectTimeoutMs = positive(o.connectTimeoutMs ?? 15000, 'connectTimeoutMs');
    this.#refresher = new TokenRefresher({
      getToken: o.getToken,
      timers: this.#timers,
      leadMs: positive(o.refreshLeadMs ?? 60000, 'refreshLeadMs'),
      onToken: (token) => this.#signedIn && this.#signIn(token, 'refresh'),
      onError: (error) => this.#events.emit('exception', error),
    });
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
    watchNetwork(o.networkEvents === undefined ? globalThis : o.networkEvents, {
      offline: () => this.#networkOffline(),
      online: () => this.#networkOnline(),
    });
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
    this.#requests.accept();
    this.#firstOnline = deferred();
    this.#open('connecting');
    return this.#firstOnline.promise;
  }

  /** Sends `offline`, closes with 1000 and stops reconnecting; what is still pending is rejected. */
  close() {
    if (!this.#running) return;
    const socket = this.#socket;
    try {
      if (socket && socket.readyState === OPEN && this.#signedIn) socket.send('{"event":"offline"}');
      socket?.close(1000, 'client closed'); // a socket still opening is aborted
    } catch {
      // Already closing: nothing more to tell the gateway.
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
    return this.#requests.add('message', data, true);
  }

  /** Any client event of docs/protocol.md; resolves with the ack's data, rejects with a HeraldError. */
  request(event, data = {}) {
    if (typeof event !== 'string' || event === '') return Promise.reject(new TypeError('request(event, data): event must be a non-empty string'));
    if (event === 'online' || event === 'offline') {
      return Promise.reject(new TypeError(`request: ${event} is the library's own (use connect() and close())`));
    }
    return this.#requests.add(event, data, false);
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
  adminAnnounce(data) { return this.request('adminAnnounce', data); }
  adminRooms(data) { return this.request('adminRooms', data); }
  adminInspectRoom(data) { return this.request('adminInspectRoom', data); }
  adminPurgeRoom(data) { return this.request('adminPurgeRoom', data); }

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
    this.#requests.writeNow('online', { token }, this.#writer(), (frame) => (frame.event === 'ack'
      ? this.#onOnlineAck(frame.data ?? {}, token, purpose)
      : this.#onOnlineException(new HeraldError(frame.data ?? {}, 'online'), token, purpose)));
  }

  /** Writes on the current socket; a socket closing meanwhile throws, and its close event decides what follows. */
  #writer() {
    const socket = this.#socket;
    return (text) => {
      try {
        socket.send(text);
      } catch {
        // Closing: the close event moves unanswered sends to the next socket or rejects the rest.
      }
    };
  }

  #onOnlineAck(data, token, purpose) {
    this.#me = { userId: data.user?.id, name: data.user?.name, unreadCount: data.unreadCount, user: data.user };
    this.#refresher.plan(token);
    if (purpose === 'refresh') return;
    this.#timers.clearTimeout(this.#openTimer);
    this.#signedIn = true;
    this.#backoff.reset();
    this.#setState('online');
    this.#firstOnline.resolve(this.#me);
    this.#requests.attach(this.#writer());
    this.#catchUp.run();
  }

  #onOnlineException(error, token, purpose) {
    this.#lastOnlineError = error;
    this.#events.emit('exception', error);
    if (error.status === 'UNAUTHENTICATED' || /too many sockets/.test(error.message)) {
      return; // the gateway closes the socket (1008, 4029): the close code decides
    }
    if (RETRIED_ONLINE.has(error.status)) {
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
    if (event === 'ack' || event === 'exception') {
      // An exception answering no request of ours (a malformed frame's, say) still goes to the app.
      if (!this.#requests.reply(frame) && event === 'exception') this.#events.emit('exception', new HeraldError(frame.data ?? {}));
    } else if (event === 'message') {
      this.#deliver(fromLive(frame.data ?? {}));
    } else if (event === 'resync') {
      this.#events.emit('resync');
      this.#catchUp.run();
    } else if (PUSHED.has(event)) {
      this.#events.emit(event, frame.data ?? {});
    }
    // Anything else is an event of a newer gateway: ignored.
  }

  #deliver(message) {
    if (typeof message.id === 'string' && this.#seen.add(message.id)) this.#events.emit('message', message);
  }

  #onClose(code, reason) {
    this.#socketGone();
    const policy = closePolicy(code);
    if (code === 1009) this.#requests.lowerFrameLimit(frameLimitOf(reason));
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
    this.#refresher.stop();
    this.#requests.detach();
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
    this.#requests.rejectAll(error);
    this.#firstOnline.reject(error);
    this.#firstOnline.promise.catch(() => {}); // an app that awaited connect() earlier has its answer already
    this.#events.emit('closed', { code, reason, willRetry: false });
    this.#setState('closed');
  }

  // --- state and network ------------------------------------------------------------------------------------

  #setState(state) {
    if (this.#state === state) return;
    this.#state = state;
    this.#events.emit('state', state);
  }

  /** The device went offline: drop the socket now. */
  #networkOffline() {
    if (this.#socket) this.#abandon(this.#generation, 'the network went offline');
  }

  /** The device is online again: whatever attempt was made offline (a socket opening, a backoff timer) makes way
   * for a fresh one. */
  #networkOnline() {
    if (!this.#running || this.#signedIn) return;
    this.#timers.clearTimeout(this.#reconnectTimer);
    if (this.#socket) {
      try {
        this.#socket.close(4000, 'the network is back: reconnecting');
      } catch {
        // Not open yet: dropping our side is enough.
      }
      this.#socketGone();
    }
    this.#backoff.reset();
    this.#open('reconnecting');
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
