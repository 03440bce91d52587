import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenExpiry } from '../../src/token-expiry.js';
import { jwt, until } from './fake-socket.js';
import { settle, setup, signIn } from './harness.js';

test('tokenExpiry reads exp from the payload (base64url, UTF-8), undefined when it cannot', () => {
  assert.equal(tokenExpiry(jwt({ sub: 'zoë', name: '日本', exp: 1700000000 })), 1700000000000);
  assert.equal(tokenExpiry(jwt({ sub: 'bob' })), undefined);
  assert.equal(tokenExpiry('not.a-jwt'), undefined);
  assert.equal(tokenExpiry('a.%%%.c'), undefined);
  assert.equal(tokenExpiry(undefined), undefined);
});

test('before exp the token is refreshed with online on the same socket', async () => {
  const { client, FakeSocket, tokens } = setup({ token: () => jwt({ sub: 'bob', exp: (Date.now() + 400) / 1000 }) });
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  await until(() => socket.frames('online').length === 2, 1000, 'the refresh');
  assert.equal(socket.frames('online')[1].data.token, tokens[1]);
  assert.equal(FakeSocket.sockets.length, 1);
  socket.ack('online', { user: { id: 'bob', name: 'Bob' }, unreadCount: 0 });
  await until(() => socket.frames('online').length === 3, 1000, 'the next refresh, planned from the new token');
  client.close();
});

test('a getToken that still gives the old token is asked again later, not sent', async () => {
  const fixed = jwt({ sub: 'bob', exp: (Date.now() + 1500) / 1000 });
  const { client, FakeSocket, tokens } = setup({ token: () => fixed });
  client.connect();
  const socket = await signIn(FakeSocket, 0);
  await until(() => tokens.length >= 2, 2000, 'the refresh asking getToken');
  await settle();
  assert.equal(socket.frames('online').length, 1);
  client.close();
});

test('getToken failing is reported and retried with backoff', async () => {
  let calls = 0;
  const { client, FakeSocket, seen } = setup({ token: () => { if (calls++ === 0) throw new Error('idp down'); return undefined; } });
  client.connect();
  await signIn(FakeSocket, 0);
  assert.equal(seen.exceptions[0].message, 'getToken failed: idp down');
  client.close();
});
