import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HeraldError } from '../../src/index.js';
import { online, uniqueUser, until } from './stack.js';

test('a direct message from one client reaches the other, live, once', async () => {
  const bob = await online(uniqueUser('bob'), { name: 'Bob' });
  const alice = await online(uniqueUser('alice'), { name: 'Alice' });
  try {
    assert.equal(alice.me.name, 'Alice');
    const ack = await alice.client.send({ receivers: [bob.me.userId], body: 'hello bob', title: 'greeting', type: 'text' });
    assert.match(ack.id, /^[0-9a-f-]{36}$/);

    await until(() => bob.seen.messages.length === 1, 10000, 'bob to get the message');
    const [message] = bob.seen.messages;
    assert.equal(message.id, ack.id);
    assert.equal(message.body, 'hello bob');
    assert.equal(message.title, 'greeting');
    assert.deepEqual(message.sender, { id: alice.me.userId, name: 'Alice' });
    assert.deepEqual(message.receivers, [bob.me.userId]);
    assert.equal(message.source, 'live');

    const inbox = await bob.client.inbox({ limit: 5 });
    assert.deepEqual(inbox.messages.map((item) => item.message.id), [ack.id]);
    await assert.rejects(alice.client.send({ receivers: ['nobody-' + ack.id], body: 'x' }),
      (e) => e instanceof HeraldError && e.status === 'NOT_FOUND' && e.field === 'receivers');
  } finally {
    alice.client.close();
    bob.client.close();
  }
});

test('a room message reaches every other member with its room', async () => {
  const alice = await online(uniqueUser('alice'));
  const bob = await online(uniqueUser('bob'));
  const carol = await online(uniqueUser('carol'));
  try {
    const { room } = await alice.client.createRoom({ name: 'Lunch', memberIds: [bob.me.userId, carol.me.userId] });
    assert.equal(room.memberCount, 3);
    await until(() => bob.seen.rooms.some((r) => r.room === room.id && r.change === 'added'), 10000, 'bob to be told he was added');

    const ack = await alice.client.send({ room: room.id, body: 'hello all' });
    for (const member of [bob, carol]) {
      await until(() => member.seen.messages.length === 1, 10000, `${member.me.userId} to get the room message`);
      assert.equal(member.seen.messages[0].id, ack.id);
      assert.equal(member.seen.messages[0].room, room.id);
    }
    assert.equal(alice.seen.messages.length, 0, 'the sending client gets the ack, not the message');
    const history = await carol.client.roomMessages({ roomId: room.id });
    assert.deepEqual(history.messages.map((item) => item.message.body), ['hello all']);
  } finally {
    for (const user of [alice, bob, carol]) user.client.close();
  }
});
