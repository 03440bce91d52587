import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HeraldClient, HeraldError } from '../../src/index.js';
import { until } from './fake-socket.js';
import { setup } from './harness.js';

/** Opens the latest socket and acks its online; answers the catch-up's sync with nothing new. */
async function signIn(FakeSocket, { cursor = '' } = {}) {
  await until(() => FakeSocket.latest(), 1000, 'a socket');
  const socket = FakeSocket.latest();
  socket.open();
  socket.ack('online', { user: { id: 'bob', name: 'Bob' }, unreadCount: 2 });
  await until(() => socket.frames('sync').length > 0, 1000, 'the catch-up sync');
  socket.ack('sync', { messages: [], nextAfter: cursor, hasMore: false });
  return socket;
}

test('connect signs in with the token and resolves with the online ack', async () => {
  const { client, FakeSocket, tokens, seen } = setup();
  const connected = client.connect();
  const socket = await signIn(FakeSocket);
  const me = await connected;

  assert.deepEqual(me, { userId: 'bob', name: 'Bob', unreadCount: 2, user: { id: 'bob', name: 'Bob' } });
  assert.equal(socket.frames('online')[0].data.token, tokens[0]);
  assert.deepEqual(seen.states, ['connecting', 'online']);
  assert.equal(client.state, 'online');
  client.close();
});

test('requests are matched by id: an ack resolves, an exception rejects with a HeraldError', async () => {
  const { client, FakeSocket } = setup();
  client.connect();
  const socket = await signIn(FakeSocket);

  const inbox = client.inbox({ limit: 2 });
  const room = client.getRoom({ roomId: 'r1' });
  await until(() => socket.frames('getRoom').length === 1);
  const [inboxFrame] = socket.frames('inbox');
  const [roomFrame] = socket.frames('getRoom');
  assert.notEqual(inboxFrame.id, roomFrame.id);
  socket.push({ event: 'exception', id: roomFrame.id, data: { status: 'NOT_FOUND', message: 'room not found: r1', field: 'roomId' } });
  socket.push({ event: 'ack', id: inboxFrame.id, data: { messages: [], nextBefore: '' } });

  assert.deepEqual(await inbox, { messages: [], nextBefore: '' });
  await assert.rejects(room, (error) => error instanceof HeraldError && error.status === 'NOT_FOUND'
    && error.field === 'roomId' && error.event === 'getRoom' && error.message === 'room not found: r1');
  client.close();
});
