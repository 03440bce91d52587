import { HeraldClient } from '../../src/index.js';
import { fakeSocketClass, jwt, until } from './fake-socket.js';

/** A client on fake sockets with fast reconnects, and what it told the app. */
export function setup(options = {}) {
  const FakeSocket = fakeSocketClass();
  const tokens = [];
  const client = new HeraldClient({
    url: 'ws://gateway.test/ws',
    WebSocket: FakeSocket,
    getToken: async () => {
      const token = options.token?.(tokens.length) ?? jwt({ sub: 'bob', exp: Date.now() / 1000 + 3600, n: tokens.length });
      tokens.push(token);
      return token;
    },
    networkEvents: null,
    minReconnectDelayMs: 1,
    maxReconnectDelayMs: 5,
    ...options.client,
  });
  const seen = { states: [], messages: [], closed: [], exceptions: [], tokenRejected: 0, cursorResets: 0, pushed: [] };
  client.on('state', (s) => seen.states.push(s));
  client.on('message', (m) => seen.messages.push(m));
  client.on('closed', (c) => seen.closed.push(c));
  client.on('exception', (e) => seen.exceptions.push(e));
  client.on('tokenRejected', () => seen.tokenRejected++);
  client.on('cursorReset', () => seen.cursorResets++);
  for (const event of ['read', 'recalled', 'presence', 'typing', 'room', 'resync']) {
    client.on(event, (data) => seen.pushed.push({ event, data }));
  }
  return { client, FakeSocket, tokens, seen };
}

/**
 * Waits for the client's socket number `index` (0-based), opens it, acks its online and answers the catch-up's
 * first sync with `syncReply` (nothing new by default).
 */
export async function signIn(FakeSocket, index, syncReply = { messages: [], nextAfter: '', hasMore: false }) {
  await until(() => FakeSocket.sockets.length > index, 2000, `socket ${index}`);
  const socket = FakeSocket.sockets[index];
  socket.open();
  socket.ack('online', { user: { id: 'bob', name: 'Bob' }, unreadCount: 0 });
  if (syncReply) {
    await until(() => socket.frames('sync').length > 0, 2000, 'the catch-up sync');
    socket.ack('sync', syncReply);
  }
  return socket;
}

/** Lets pending promise callbacks run. */
export function settle() {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

export function liveMessage(id, extra = {}) {
  return { event: 'message', data: { id, sender: { id: 'alice', name: 'Alice' }, receivers: ['bob'], title: '', body: `body ${id}`, type: '', createdAt: '2026-11-25T20:00:00.123Z', ...extra } };
}

export function syncItem(id, extra = {}) {
  return { message: { id, sender: { id: 'alice', name: 'Alice' }, receivers: ['bob'], title: '', body: `body ${id}`, type: '', createdAt: '2026-11-25T20:00:00.123Z', clientId: '', roomId: '', announcement: false, ...extra }, receiverCount: 1 };
}
