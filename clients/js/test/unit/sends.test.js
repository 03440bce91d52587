import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HeraldError } from '../../src/index.js';
import { until } from './fake-socket.js';
import { settle, setup, signIn } from './harness.js';

test('a send carries a clientId; unacked when the socket drops, it is re-sent with it and resolves once', async () => {
  const { client, FakeSocket } = setup();
  client.connect();
  const first = await signIn(FakeSocket, 0);
  const send = client.send({ receivers: ['alice'], body: 'hello', title: 't', type: 'text' });
  await until(() => first.frames('message').length === 1);
  const original = first.frames('message')[0].data;
  assert.match(original.clientId, /^[0-9a-f-]{32,36}$/);
  assert.deepEqual({ ...original, clientId: undefined }, { receivers: ['alice'], body: 'hello', title: 't', type: 'text', clientId: undefined });

  first.serverClose(1006, '');
  const second = await signIn(FakeSocket, 1);
  await until(() => second.frames('message').length === 1);
  assert.equal(second.frames('message')[0].data.clientId, original.clientId);
  second.ack('message', { id: 'm1', createdAt: '2026-11-25T20:00:00.123Z' });
  assert.deepEqual(await send, { id: 'm1', createdAt: '2026-11-25T20:00:00.123Z' });
  client.close();
});

test('an app-given clientId is kept', async () => {
  const { client, FakeSocket } = setup();
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  client.send({ room: 'r1', body: 'hi', clientId: 'k-1' }).catch(() => {});
  await until(() => socket.frames('message').length === 1);
  assert.equal(socket.frames('message')[0].data.clientId, 'k-1');
  client.close();
});

test('RESOURCE_EXHAUSTED and UNAVAILABLE are retried with the same clientId; other errors reject', async () => {
  const { client, FakeSocket } = setup();
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  const send = client.send({ receivers: ['alice'], body: 'hi' });
  await until(() => socket.frames('message').length === 1);
  socket.push({ event: 'exception', id: socket.frames('message')[0].id, data: { status: 'RESOURCE_EXHAUSTED', message: 'too many sends for this user: retry after 5 ms', retryAfterMs: 5 } });
  await until(() => socket.frames('message').length === 2);
  socket.push({ event: 'exception', id: socket.frames('message')[1].id, data: { status: 'UNAVAILABLE', message: 'message store unavailable, retry' } });
  await until(() => socket.frames('message').length === 3);
  const clientIds = new Set(socket.frames('message').map((f) => f.data.clientId));
  assert.equal(clientIds.size, 1);
  socket.ack('message', { id: 'm1', createdAt: 'now' });
  assert.equal((await send).id, 'm1');

  const refused = client.send({ receivers: ['zed'], body: 'hi' });
  await until(() => socket.frames('message').length === 4);
  socket.push({ event: 'exception', id: socket.frames('message')[3].id, data: { status: 'NOT_FOUND', message: 'unknown receiver: zed', field: 'receivers' } });
  await assert.rejects(refused, (e) => e instanceof HeraldError && e.status === 'NOT_FOUND' && e.field === 'receivers' && e.event === 'message');
  client.close();
});

test('retries are bounded by sendRetries', async () => {
  const { client, FakeSocket } = setup({ client: { sendRetries: 1 } });
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  const send = client.send({ receivers: ['alice'], body: 'hi' });
  for (let n = 1; n <= 2; n++) {
    await until(() => socket.frames('message').length === n);
    socket.push({ event: 'exception', id: socket.frames('message')[n - 1].id, data: { status: 'UNAVAILABLE', message: 'message service unavailable, retry' } });
  }
  await assert.rejects(send, (e) => e.status === 'UNAVAILABLE');
  client.close();
});

test('a frame over maxFrameBytes is refused locally, naming its size', async () => {
  const { client, FakeSocket } = setup({ client: { maxFrameBytes: 200 } });
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  await assert.rejects(client.send({ receivers: ['alice'], body: 'é'.repeat(100) }),
    (e) => e.status === 'INVALID_ARGUMENT' && /frame too large: 3\d\d bytes \(the gateway takes at most 200\)/.test(e.message));
  assert.equal(socket.frames('message').length, 0);
  client.close();
});

test('at most maxInFlight requests wait for answers; the rest go out as answers arrive', async () => {
  const { client, FakeSocket } = setup({ client: { maxInFlight: 2 } });
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  const replies = [1, 2, 3].map(() => client.unread());
  await settle();
  assert.equal(socket.frames('unread').length, 2);
  socket.push({ event: 'ack', id: socket.frames('unread')[0].id, data: { unread: 1 } });
  await until(() => socket.frames('unread').length === 3);
  socket.push({ event: 'ack', id: socket.frames('unread')[1].id, data: { unread: 2 } });
  socket.push({ event: 'ack', id: socket.frames('unread')[2].id, data: { unread: 3 } });
  assert.deepEqual((await Promise.all(replies)).map((r) => r.unread), [1, 2, 3]);
  client.close();
});

test('sends pending when the session ends are rejected with their clientId', async () => {
  const { client } = setup();
  client.connect();
  const send = client.send({ receivers: ['alice'], body: 'hi', clientId: 'k-9' });
  client.close();
  await assert.rejects(send, (e) => e.clientId === 'k-9' && /send again with clientId k-9/.test(e.message));
});

test('every protocol event has its wrapper, sending the event of the same name', async () => {
  const { client, FakeSocket } = setup();
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  const names = ['inbox', 'unread', 'get', 'read', 'delete', 'sent', 'deleteSent', 'recall', 'sync', 'createRoom',
    'getRoom', 'updateRoom', 'rooms', 'publicRooms', 'joinRoom', 'leaveRoom', 'addMembers', 'removeMembers',
    'members', 'deleteRoom', 'readRoom', 'roomMessages', 'presence', 'typing', 'adminQuery', 'adminCount',
    'adminGet', 'adminDelete', 'adminAnnounce', 'adminRooms', 'adminInspectRoom', 'adminPurgeRoom'];
  for (const name of names) client[name]({ probe: name }).catch(() => {});
  await settle();
  const written = socket.sent.filter((f) => f.data?.probe).map((f) => [f.event, f.data.probe]);
  assert.deepEqual(written, names.map((n) => [n, n]));
  await assert.rejects(client.request('online', {}), TypeError);
  client.close();
});

test('bad options are refused naming the problem', () => {
  assert.throws(() => setup({ client: { url: '' } }), /options.url must be the gateway URL/);
  assert.throws(() => setup({ client: { getToken: 'x' } }), /options.getToken must be a function/);
  assert.throws(() => setup({ client: { maxInFlight: 0 } }), /maxInFlight: 0 \(expected: > 0\)/);
});
