/**
 * What the integration tests need from the real stack that JsClientIT (integration-tests) started: the gateway's
 * URL and a token for any user. Run by that IT, or by hand against a local stack:
 *   HERALD_WS_URL=ws://127.0.0.1:8080/ws HERALD_TOKEN_URL=http://127.0.0.1:PORT/token node --test test/integration/
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { HeraldClient } from '../../src/index.js';

const wsUrl = required('HERALD_WS_URL');
const tokenUrl = required('HERALD_TOKEN_URL');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through JsClientIT, or set it (see stack.js)`);
  return value;
}

/** A user id unique to this run. */
export function uniqueUser(prefix) {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function token(userId, name = userId, ttlSeconds = 1800) {
  const url = `${tokenUrl}?user=${encodeURIComponent(userId)}&name=${encodeURIComponent(name)}&ttlSeconds=${ttlSeconds}`;
  const reply = await fetch(url);
  if (!reply.ok) throw new Error(`token for ${userId}: HTTP ${reply.status} ${await reply.text()}`);
  return reply.text();
}

/**
 * The ws package's WebSocket, keeping every socket it opened so a test can cut one (`terminate()`: the TCP
 * connection goes without a close frame, as when a network drops), and letting a test hold back incoming frames
 * (`socket.intercept = (text) => true` drops that frame before the library sees it).
 */
export function trackedWebSocketClass() {
  const sockets = [];
  class TrackedWebSocket extends WebSocket {
    static sockets = sockets;
    intercept = undefined;
    #onmessage = null;

    constructor(url) {
      super(url);
      sockets.push(this);
    }

    get onmessage() {
      return this.#onmessage;
    }

    set onmessage(listener) {
      this.#onmessage = listener;
      super.onmessage = (event) => {
        if (this.intercept?.(String(event.data))) return;
        listener?.(event);
      };
    }
  }
  return TrackedWebSocket;
}

/** A connected client for `userId`, with what it handed to the app. */
export async function online(userId, options = {}) {
  const WebSocketClass = trackedWebSocketClass();
  const client = new HeraldClient({
    url: wsUrl,
    WebSocket: WebSocketClass,
    getToken: () => token(userId, options.name ?? userId, options.ttlSeconds),
    networkEvents: null,
    minReconnectDelayMs: 50,
    maxReconnectDelayMs: 1000,
    ...options.client,
  });
  const seen = { messages: [], states: [], closed: [], exceptions: [], rooms: [] };
  client.on('message', (m) => seen.messages.push(m));
  client.on('state', (s) => seen.states.push(s));
  client.on('closed', (c) => seen.closed.push(c));
  client.on('exception', (e) => seen.exceptions.push(e));
  client.on('room', (r) => seen.rooms.push(r));
  const me = await client.connect();
  return { client, me, seen, sockets: WebSocketClass.sockets, current: () => WebSocketClass.sockets.at(-1) };
}

/** Polls `condition` until true, or fails after `ms` naming `what`. */
export async function until(condition, ms, what) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
