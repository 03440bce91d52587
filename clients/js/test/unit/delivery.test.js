import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SeenIds } from '../../src/seen-ids.js';
import { until } from './fake-socket.js';
import { liveMessage, settle, setup, signIn, syncItem } from './harness.js';

test('a message that comes live and again through sync reaches the app once', async () => {
  const { client, FakeSocket, seen } = setup();
  client.connect();
  const socket = await signIn(FakeSocket, 0, { messages: [syncItem('m1')], nextAfter: 'c1', hasMore: false });
  socket.push(liveMessage('m1'));
  socket.push(liveMessage('m2'));
  socket.push({ event: 'resync' });
  await until(() => socket.frames('sync').length === 2);
  assert.equal(socket.frames('sync')[1].data.after, 'c1');
  socket.ack('sync', { messages: [syncItem('m2'), syncItem('m3')], nextAfter: 'c2', hasMore: false });
  await settle();

  assert.deepEqual(seen.messages.map((m) => [m.id, m.source]), [['m1', 'sync'], ['m2', 'live'], ['m3', 'sync']]);
  assert.equal(client.cursor, 'c2');
  client.close();
});

test('live and synced messages have one shape: room and announcement set, room left out of direct ones', async () => {
  const { client, FakeSocket, seen } = setup();
  client.connect();
  const socket = await signIn(FakeSocket, 0, {
    messages: [syncItem('s-room', { roomId: 'r1', receivers: [] }), syncItem('s-ann', { announcement: true, receivers: [] })],
    nextAfter: 'c1', hasMore: false,
  });
  socket.push(liveMessage('l-room', { receivers: [], room: 'r1' }));
  socket.push(liveMessage('l-direct'));
  await settle();

  const byId = Object.fromEntries(seen.messages.map((m) => [m.id, m]));
  assert.equal(byId['s-room'].room, 'r1');
  assert.equal(byId['l-room'].room, 'r1');
  assert.equal(byId['s-ann'].announcement, true);
  assert.equal('room' in byId['l-direct'], false);
  assert.equal(byId['l-direct'].announcement, false);
  assert.equal(byId['s-room'].receiverCount, 1);
  assert.deepEqual(Object.keys(byId['l-direct']).sort(),
    ['announcement', 'body', 'createdAt', 'id', 'receivers', 'sender', 'source', 'title', 'type']);
  client.close();
});

test('sync pages until hasMore is false and resumes from the last nextAfter after a reconnect', async () => {
  const stored = { value: 'kept' };
  const cursorStore = { get: () => stored.value, set: (c) => { stored.value = c; } };
  const { client, FakeSocket, seen } = setup({ client: { cursorStore, syncLimit: 2 } });
  client.connect();
  const first = await signIn(FakeSocket, 0, { messages: [syncItem('a'), syncItem('b')], nextAfter: 'p1', hasMore: true });
  assert.equal(first.frames('sync')[0].data.after, 'kept');
  assert.equal(first.frames('sync')[0].data.limit, 2);
  await until(() => first.frames('sync').length === 2);
  assert.equal(first.frames('sync')[1].data.after, 'p1');
  first.ack('sync', { messages: [syncItem('c')], nextAfter: 'p2', hasMore: false });
  await settle();
  assert.equal(stored.value, 'p2');

  first.serverClose(1006, '');
  const second = await signIn(FakeSocket, 1, null);
  await until(() => second.frames('sync').length === 1);
  assert.equal(second.frames('sync')[0].data.after, 'p2');
  second.ack('sync', { messages: [syncItem('c'), syncItem('d')], nextAfter: 'p3', hasMore: false });
  await settle();
  assert.deepEqual(seen.messages.map((m) => m.id), ['a', 'b', 'c', 'd']);
  client.close();
});

test('a resync while a sync runs makes it sync once more when done', async () => {
  const { client, FakeSocket } = setup();
  client.connect();
  const socket = await signIn(FakeSocket, 0, null);
  await until(() => socket.frames('sync').length === 1);
  socket.push({ event: 'resync' });
  socket.push({ event: 'resync' });
  await settle();
  assert.equal(socket.frames('sync').length, 1, 'one sync at a time');
  socket.ack('sync', { messages: [], nextAfter: 'c1', hasMore: false });
  await until(() => socket.frames('sync').length === 2);
  assert.equal(socket.frames('sync')[1].data.after, 'c1');
  socket.ack('sync', { messages: [], nextAfter: 'c1', hasMore: false });
  await settle();
  assert.equal(socket.frames('sync').length, 2);
  client.close();
});

test('a cursor the server refuses (field after) restarts sync from the first message and says so', async () => {
  const stored = { value: '019ab2c6-0000-7000-8000-000000000000' };
  const { client, FakeSocket, seen } = setup({ client: { cursorStore: { get: () => stored.value, set: (c) => { stored.value = c; } } } });
  client.connect();
  const socket = await signIn(FakeSocket, 0, null);
  await until(() => socket.frames('sync').length === 1);
  const first = socket.frames('sync')[0];
  socket.push({ event: 'exception', id: first.id, data: { status: 'NOT_FOUND', message: 'after: no received message', field: 'after' } });
  await until(() => socket.frames('sync').length === 2);
  assert.equal(socket.frames('sync')[1].data.after, '');
  assert.equal(seen.cursorResets, 1);
  socket.ack('sync', { messages: [syncItem('x')], nextAfter: 'c1', hasMore: false });
  await settle();
  assert.equal(stored.value, 'c1');
  client.close();
});

test('a background sync that fails is reported as exception and retried after retryAfterMs', async () => {
  const { client, FakeSocket, seen } = setup();
  client.connect();
  const socket = await signIn(FakeSocket, 0, null);
  await until(() => socket.frames('sync').length === 1);
  socket.push({ event: 'exception', id: socket.frames('sync')[0].id, data: { status: 'RESOURCE_EXHAUSTED', message: 'too many reads for this user: retry after 10 ms', retryAfterMs: 10 } });
  await until(() => socket.frames('sync').length === 2);
  assert.equal(seen.exceptions[0].event, 'sync');
  assert.equal(seen.exceptions[0].retryAfterMs, 10);
  client.close();
});

test('a message this client sent is not handed back by a later sync', async () => {
  const { client, FakeSocket, seen } = setup();
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  const sent = client.send({ room: 'r1', body: 'mine' });
  await until(() => socket.frames('message').length === 1);
  socket.ack('message', { id: 'own-1', createdAt: 'now' });
  await sent;
  socket.push({ event: 'resync' });
  await until(() => socket.frames('sync').length === 2);
  socket.ack('sync', { messages: [syncItem('own-1', { roomId: 'r1', receivers: [] }), syncItem('other')], nextAfter: 'c', hasMore: false });
  await settle();
  assert.deepEqual(seen.messages.map((m) => m.id), ['other']);
  client.close();
});

test('receipts, recalls, presence, typing, room changes and resync go to the app; stray exceptions too', async () => {
  const { client, FakeSocket, seen } = setup();
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  socket.push({ event: 'read', data: { id: 'm1', reader: 'alice', readAt: 't' } });
  socket.push({ event: 'recalled', data: { id: 'm2', room: 'r1' } });
  socket.push({ event: 'presence', data: { user: 'alice', online: true } });
  socket.push({ event: 'typing', data: { from: 'alice' } });
  socket.push({ event: 'room', data: { room: 'r1', change: 'added', by: 'alice' } });
  socket.push({ event: 'futureEvent', data: {} });
  socket.push({ event: 'exception', data: { status: 'INVALID_ARGUMENT', message: 'malformed JSON' } });
  await settle();

  assert.deepEqual(seen.pushed.map((p) => p.event), ['read', 'recalled', 'presence', 'typing', 'room']);
  assert.deepEqual(seen.pushed[0].data, { id: 'm1', reader: 'alice', readAt: 't' });
  assert.equal(seen.exceptions.at(-1).message, 'malformed JSON');
  client.close();
});

test('SeenIds remembers at most its limit, forgetting the oldest', () => {
  const ids = new SeenIds(3);
  assert.equal(ids.add('a'), true);
  assert.equal(ids.add('a'), false);
  ids.add('b');
  ids.add('c');
  ids.add('d');
  assert.equal(ids.size, 3);
  assert.equal(ids.add('a'), true, 'the oldest was forgotten');
  assert.equal(ids.add('d'), false);
});
