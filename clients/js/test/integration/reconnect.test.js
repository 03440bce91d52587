import assert from 'node:assert/strict';
import { test } from 'node:test';
import { online, uniqueUser, until } from './stack.js';

const SENDS = Number(process.env.HERALD_JS_RECONNECT_SENDS ?? 300);
/** Sends in flight at once: the sender's socket is cut with some of them unanswered. */
const WINDOW = 8;

test('a receiver whose socket is cut mid-stream sees every acked message exactly once', async () => {
  const bob = await online(uniqueUser('bob'));
  const alice = await online(uniqueUser('alice'));
  try {
    const acked = new Map(); // id -> body
    let refused = 0;
    const receiverCuts = [Math.floor(SENDS / 4), Math.floor(SENDS / 2), Math.floor((3 * SENDS) / 4)];
    const senderCut = Math.floor((3 * SENDS) / 5);
    let cut = 0;
    const started = Date.now();
    let next = 0;
    // WINDOW senders share the numbers 0..SENDS-1; the cuts happen as the numbers pass them.
    await Promise.all(Array.from({ length: WINDOW }, async () => {
      while (next < SENDS) {
        const n = next++;
        if (receiverCuts.includes(n)) {
          bob.current().terminate(); // no close frame: the library sees 1006 and reconnects
          cut++;
        }
        if (n === senderCut) alice.current().terminate(); // its unanswered sends go again with their clientIds
        const body = `m-${n}`;
        try {
          const ack = await alice.client.send({ receivers: [bob.me.userId], body });
          acked.set(ack.id, body);
        } catch {
          refused++;
        }
      }
    }));
    const sendSeconds = (Date.now() - started) / 1000;
    await until(() => new Set(bob.seen.messages.map((m) => m.id)).size >= acked.size, 30000,
      `bob to see all ${acked.size} acked messages (seen ${bob.seen.messages.length})`);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a late duplicate would show here

    const counts = new Map();
    for (const m of bob.seen.messages) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
    const missing = [...acked.keys()].filter((id) => !counts.has(id)).length;
    const repeated = [...counts.values()].filter((c) => c > 1).length;
    const bodies = new Set(bob.seen.messages.map((m) => m.body));
    const synced = bob.seen.messages.filter((m) => m.source === 'sync').length;
    const reconnects = bob.seen.closed.filter((c) => c.willRetry).length;
    const senderReconnects = alice.seen.closed.filter((c) => c.willRetry).length;
    console.log(`js-reconnect sent=${SENDS} acked=${acked.size} refused=${refused} seen=${bob.seen.messages.length}`
      + ` missing=${missing} repeated=${repeated} receiverCuts=${cut} receiverReconnects=${reconnects}`
      + ` senderReconnects=${senderReconnects} synced=${synced} sendSeconds=${sendSeconds.toFixed(1)}`);

    assert.equal(refused, 0);
    assert.equal(acked.size, SENDS, 'each send acked under its own id (a re-send answers the original id)');
    assert.equal(cut, receiverCuts.length);
    assert.equal(reconnects, receiverCuts.length);
    assert.equal(senderReconnects, 1);
    assert.equal(missing, 0);
    assert.equal(repeated, 0);
    assert.equal(bodies.size, bob.seen.messages.length, 'no body under two ids');
    assert.equal(bob.seen.messages.length, acked.size);
    assert.equal(bob.client.state, 'online');
  } finally {
    alice.client.close();
    bob.client.close();
  }
});

test('a send whose ack was lost with the socket is re-sent with its clientId after the reconnect and stored once', async () => {
  const bob = await online(uniqueUser('bob'));
  const alice = await online(uniqueUser('alice'));
  try {
    let lostAck;
    const first = alice.current();
    first.intercept = (text) => {
      const frame = JSON.parse(text);
      if (frame.event !== 'ack' || !frame.data?.createdAt) return false;
      lostAck = frame.data; // the gateway acked (the message is stored): the client never sees it
      first.terminate();
      return true;
    };
    const ack = await alice.client.send({ receivers: [bob.me.userId], body: 'once, though sent twice', clientId: 'js-it-once' });

    assert.ok(lostAck, 'the first ack was held back');
    assert.ok(alice.sockets.length >= 2, 'the client reconnected');
    assert.equal(ack.id, lostAck.id, 'the re-send answers with the original id');
    assert.equal(ack.createdAt, lostAck.createdAt);
    await until(() => bob.seen.messages.length >= 1, 10000, 'bob to get it');
    const sent = await alice.client.sent({ limit: 10 });
    const withClientId = sent.messages.filter((item) => item.message.clientId === 'js-it-once');
    console.log(`js-clientid-resend sockets=${alice.sockets.length} first=${lostAck.id} resent=${ack.id}`
      + ` stored=${withClientId.length} bobSaw=${bob.seen.messages.length}`);
    assert.equal(withClientId.length, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(bob.seen.messages.length, 1);
    assert.equal(bob.seen.messages[0].id, ack.id);
  } finally {
    alice.client.close();
    bob.client.close();
  }
});

test('the token is refreshed with online before it expires, on the same socket', async () => {
  const carol = await online(uniqueUser('carol'), { ttlSeconds: 3, client: { refreshLeadMs: 1500 } });
  try {
    const socket = carol.current();
    let refreshes = 0;
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.event === 'ack' && frame.data?.user) refreshes++;
    });
    await until(() => refreshes >= 2, 10000, 'two token refreshes');
    assert.equal(carol.sockets.length, 1, 'no reconnect: the socket outlived its first tokens');
    assert.equal(carol.seen.closed.length, 0);
    assert.deepEqual(await carol.client.unread(), { unread: 0 });
  } finally {
    carol.client.close();
  }
});
