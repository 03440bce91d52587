import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HeraldError } from '../../src/index.js';
import { closePolicy } from '../../src/close-policy.js';
import { until } from './fake-socket.js';
import { settle, setup, signIn } from './harness.js';

for (const code of [1001, 1006, 1011, 1012, 1013]) {
  test(`close ${code}: reconnects with a fresh getToken and signs in again`, async () => {
    const { client, FakeSocket, tokens, seen } = setup();
    client.connect();
    const first = await signIn(FakeSocket, 0);

    first.serverClose(code, 'going');
    const second = await signIn(FakeSocket, 1);

    assert.equal(tokens.length, 2);
    assert.equal(second.frames('online')[0].data.token, tokens[1]);
    assert.deepEqual(seen.closed, [{ code, reason: 'going', willRetry: true }]);
    assert.deepEqual(seen.states, ['connecting', 'online', 'offline', 'reconnecting', 'online']);
    assert.equal(seen.tokenRejected, 0);
    client.close();
  });
}

test('close 1008: tells the app the token was rejected and asks getToken again', async () => {
  const { client, FakeSocket, tokens, seen } = setup();
  const connected = client.connect();
  await until(() => FakeSocket.sockets.length === 1);
  const first = FakeSocket.sockets[0];
  first.open();
  const online = first.frames('online')[0];
  first.push({ event: 'exception', id: online.id, data: { status: 'UNAUTHENTICATED', message: 'token expired' } });
  first.serverClose(1008, 'token expired');
  const second = await signIn(FakeSocket, 1);

  assert.equal((await connected).userId, 'bob');
  assert.equal(seen.tokenRejected, 1);
  assert.notEqual(tokens[0], tokens[1]);
  assert.equal(second.frames('online')[0].data.token, tokens[1]);
  assert.equal(seen.exceptions[0].status, 'UNAUTHENTICATED');
  client.close();
});

test('close 4029 (too many sockets): no retry; connect() rejects with the online exception', async () => {
  const { client, FakeSocket, seen } = setup();
  const connected = client.connect();
  await until(() => FakeSocket.sockets.length === 1);
  const socket = FakeSocket.sockets[0];
  socket.open();
  const message = 'too many sockets for this user: at most 32 on this gateway';
  socket.push({ event: 'exception', id: socket.frames('online')[0].id, data: { status: 'RESOURCE_EXHAUSTED', message } });
  socket.serverClose(4029, message);

  await assert.rejects(connected, (e) => e instanceof HeraldError && e.status === 'RESOURCE_EXHAUSTED' && e.message === message);
  await settle();
  assert.equal(FakeSocket.sockets.length, 1);
  assert.deepEqual(seen.closed, [{ code: 4029, reason: message, willRetry: false }]);
  assert.equal(client.state, 'closed');
  await assert.rejects(client.unread(), (e) => e.status === 'UNAVAILABLE');
});

test('close 1000 from the gateway: no retry, the session is closed', async () => {
  const { client, FakeSocket, seen } = setup();
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  socket.serverClose(1000, 'offline');
  await settle();
  assert.equal(FakeSocket.sockets.length, 1);
  assert.equal(client.state, 'closed');
  assert.deepEqual(seen.closed, [{ code: 1000, reason: 'offline', willRetry: false }]);
});

test('close 1009: lowers the frame limit to the one named, so the oversized send is refused, not re-sent in a loop', async () => {
  const { client, FakeSocket } = setup();
  client.connect();
  const first = await signIn(FakeSocket, 0);
  const big = client.send({ receivers: ['alice'], body: 'x'.repeat(500) });
  const small = client.send({ receivers: ['alice'], body: 'hi' });
  await until(() => first.frames('message').length === 2);
  first.serverClose(1009, 'message over 300 bytes');
  const second = await signIn(FakeSocket, 1);

  await assert.rejects(big, (e) => e.status === 'INVALID_ARGUMENT' && /frame too large: \d+ bytes \(the gateway takes at most 300\)/.test(e.message));
  await until(() => second.frames('message').length === 1);
  const resent = second.frames('message')[0];
  assert.equal(resent.data.body, 'hi');
  assert.equal(resent.data.clientId, first.frames('message')[1].data.clientId);
  second.ack('message', { id: 'm1', createdAt: 'now' });
  assert.equal((await small).id, 'm1');
  client.close();
});

test('a request in flight when the socket drops is rejected as lost; one made while offline goes out after sign-in', async () => {
  const { client, FakeSocket } = setup();
  client.connect();
  const first = await signIn(FakeSocket, 0);
  const lost = client.inbox({});
  await until(() => first.frames('inbox').length === 1);
  first.serverClose(1006, '');
  await assert.rejects(lost, (e) => e.status === 'UNAVAILABLE' && e.lostConnection === true && e.event === 'inbox');

  const later = client.unread();
  const second = await signIn(FakeSocket, 1);
  await until(() => second.frames('unread').length === 1);
  second.ack('unread', { unread: 4 });
  assert.deepEqual(await later, { unread: 4 });
  client.close();
});

test('no online ack in time: the socket is given up and another one opened', async () => {
  const { client, FakeSocket } = setup({ client: { connectTimeoutMs: 20 } });
  client.connect();
  await until(() => FakeSocket.sockets.length === 1);
  FakeSocket.sockets[0].open();
  await signIn(FakeSocket, 1);
  assert.equal(FakeSocket.sockets[0].closedWith.code, 4000);
  client.close();
});

test('close() sends offline, closes with 1000 and stops; pending requests are rejected', async () => {
  const { client, FakeSocket, seen } = setup();
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  const pending = client.rooms({});
  await until(() => socket.frames('rooms').length === 1);
  client.close();

  assert.equal(socket.sent.at(-1).event, 'offline');
  assert.deepEqual(socket.closedWith, { code: 1000, reason: 'client closed' });
  await assert.rejects(pending, (e) => e.status === 'UNAVAILABLE');
  assert.equal(client.state, 'closed');
  assert.equal(seen.closed.at(-1).willRetry, false);
  await settle();
  assert.equal(FakeSocket.sockets.length, 1);
});

test('a request unanswered for requestTimeoutMs counts the socket as dead: another is opened, the send re-sent', async () => {
  const { client, FakeSocket } = setup({ client: { requestTimeoutMs: 30 } });
  client.connect();
  const first = await signIn(FakeSocket, 0);
  const send = client.send({ receivers: ['alice'], body: 'hi' });
  const second = await signIn(FakeSocket, 1);
  assert.equal(first.closedWith.code, 4000);
  await until(() => second.frames('message').length === 1);
  second.ack('message', { id: 'm1', createdAt: 'now' });
  assert.equal((await send).id, 'm1');
  client.close();
});

test('close() while the socket is still opening aborts it', async () => {
  const { client, FakeSocket } = setup();
  const connected = client.connect();
  await until(() => FakeSocket.sockets.length === 1);
  client.close();
  await assert.rejects(connected, (e) => e.status === 'UNAVAILABLE' && e.message === 'the client was closed');
  assert.deepEqual(FakeSocket.sockets[0].closedWith, { code: 1000, reason: 'client closed' });
  assert.equal(FakeSocket.sockets[0].sent.length, 0);
});

test('the network going offline drops the socket; coming back reconnects at once', async () => {
  const network = new EventTarget();
  const { client, FakeSocket } = setup({ client: { networkEvents: network, minReconnectDelayMs: 60000, maxReconnectDelayMs: 60000 } });
  client.connect();
  await signIn(FakeSocket, 0);
  network.dispatchEvent(new Event('offline'));
  assert.equal(client.state, 'offline');
  network.dispatchEvent(new Event('online'));
  await signIn(FakeSocket, 1);
  assert.equal(client.state, 'online');
  client.close();
});

test('the network coming back drops an attempt made while offline and opens a fresh socket at once', async () => {
  const network = new EventTarget();
  const { client, FakeSocket } = setup({ client: { networkEvents: network } });
  client.connect();
  await signIn(FakeSocket, 0);
  network.dispatchEvent(new Event('offline'));
  await until(() => FakeSocket.sockets.length === 2, 2000, 'an attempt while offline');
  const stuck = FakeSocket.sockets[1];
  network.dispatchEvent(new Event('online'));
  await signIn(FakeSocket, 2);
  assert.equal(stuck.closedWith.code, 4000);
  assert.equal(client.state, 'online');
  client.close();
});

test('every close code of docs/protocol.md has a policy', () => {
  assert.deepEqual(closePolicy(1000), { retry: false });
  assert.equal(closePolicy(1001).delay, 'soon');
  assert.equal(closePolicy(1006).delay, 'backoff');
  assert.equal(closePolicy(1008).tokenRejected, true);
  assert.equal(closePolicy(1009).retry, true);
  assert.equal(closePolicy(1011).delay, 'backoff');
  assert.equal(closePolicy(1013).delay, 'patient');
  assert.deepEqual(closePolicy(4029), { retry: false });
  assert.deepEqual(closePolicy(4099), { retry: false });
  assert.equal(closePolicy(1002).retry, true);
});
