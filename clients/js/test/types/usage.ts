// A typed use of the library: `tsc --noEmit -p test/types` (part of `npm test`) checks src/index.d.ts against it.
import { HeraldClient, HeraldError, type Me, type Message, type State } from '@herald/client';

const client = new HeraldClient({
  url: 'ws://127.0.0.1:8080/ws',
  getToken: async () => 'eyJ...',
  cursorStore: { get: () => localStorage.getItem('herald.cursor'), set: (c) => localStorage.setItem('herald.cursor', c) },
});

client.on('state', (s: State) => console.log(s));
client.on('message', (m: Message) => console.log(m.id, m.sender.name, m.room ?? 'direct', m.body, m.source));
client.on('read', (r) => console.log(r.id, r.reader, r.readAt));
client.on('recalled', (r) => console.log(r.id, r.room));
client.on('presence', (p) => console.log(p.user, p.online, p.lastSeen));
client.on('typing', (t) => console.log(t.from, t.room));
client.on('room', (r) => console.log(r.room, r.change, r.by));
client.on('exception', (e: HeraldError) => console.log(e.status, e.message, e.field, e.retryAfterMs));
client.on('closed', ({ code, reason, willRetry }) => console.log(code, reason, willRetry));
const unsubscribe: () => void = client.on('tokenRejected', () => {});
unsubscribe();

async function chat(): Promise<void> {
  const me: Me = await client.connect();
  console.log(me.userId, me.name, me.unreadCount);
  const ack = await client.send({ receivers: ['bob'], body: 'hi', title: 'greeting', type: 'text' });
  console.log(ack.id, ack.createdAt);
  await client.send({ room: '019ab2c4-0000-7000-8000-00000000000a', body: 'hello all' });
  const page = await client.inbox({ limit: 20, unreadOnly: true });
  await client.read({ ids: page.messages.map((item) => item.message.id) });
  const { room } = await client.createRoom({ name: 'Lunch', public: true, memberIds: ['bob'] });
  await client.addMembers({ roomId: room.id, userIds: ['carol'] });
  const rooms = await client.rooms();
  console.log(rooms.rooms.map((r) => `${r.room.name} ${r.unreadCapped ? '999+' : r.unread}`));
  await client.typing({ roomId: room.id });
  await client.presence({ userIds: ['bob'] });
  const sync = await client.sync({ after: client.cursor });
  console.log(sync.hasMore, sync.nextAfter);
  const custom = await client.request<{ unread: number }>('unread');
  console.log(custom.unread);
  try {
    await client.get({ id: 'nope' });
  } catch (error) {
    if (error instanceof HeraldError && error.status === 'NOT_FOUND') console.log(error.field);
  }
  client.close();
}

void chat();

// Mistakes the types catch:
// @ts-expect-error a send names receivers or a room
void client.send({ body: 'to nobody' });
// @ts-expect-error not both
void client.send({ receivers: ['bob'], room: 'r1', body: 'both' });
// @ts-expect-error no such event
client.on('mesage', () => {});
// @ts-expect-error getRoom needs a roomId
void client.getRoom({});
