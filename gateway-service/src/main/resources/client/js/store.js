/**
 * What the app knows: conversations (direct ones by the other participants, rooms by id), their messages once
 * each, receipts of the user's own direct messages, presence, who is typing, and announcements apart. Views read
 * it and re-render on `change`; it never talks to the server.
 */
export class ChatStore extends EventTarget {
  conversations = new Map();
  messages = new Map();
  /** message id -> Map(receiverId -> readAt or '') for the user's own direct messages. */
  receipts = new Map();
  presence = new Map();
  names = new Map();
  /** conversation key -> Map(userId -> until, ms) */
  typing = new Map();
  announcements = new Map();

  constructor(me) {
    super();
    this.me = me;
    this.names.set(me.id, me.name);
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }

  /** The key of a message's conversation: `r:<room>`, or `u:<the other participants>`; null for an announcement. */
  keyOf(message) {
    if (message.announcement) return null;
    if (message.room) return `r:${message.room}`;
    const others = new Set([message.sender.id, ...message.receivers]);
    others.delete(this.me.id);
    return `u:${(others.size ? [...others].sort() : [this.me.id]).join(',')}`;
  }

  directKey(userIds) {
    return `u:${[...new Set(userIds)].sort().join(',')}`;
  }

  /** A direct conversation, created empty when new. */
  direct(userIds) {
    const key = this.directKey(userIds);
    if (!this.conversations.has(key)) {
      this.conversations.set(key, { key, kind: 'direct', peers: [...new Set(userIds)].sort(), ids: new Set(), unread: 0, lastAt: '' });
    }
    return this.conversations.get(key);
  }

  /** Adds or refreshes a room from `rooms` (a summary), `getRoom` or `createRoom`. */
  upsertRoom(room, summary) {
    const key = `r:${room.id}`;
    const known = this.conversations.get(key) ?? { key, kind: 'room', roomId: room.id, ids: new Set(), unread: 0, lastAt: '' };
    known.room = room;
    if (summary) {
      known.unread = summary.unread;
      known.unreadCapped = summary.unreadCapped;
      known.owner = summary.owner;
      known.lastAt = maxTime(known.lastAt, iso(summary.lastMessage?.createdAt ?? room.createdAt));
    } else {
      known.lastAt = maxTime(known.lastAt, iso(room.createdAt));
    }
    this.conversations.set(key, known);
    return known;
  }

  removeConversation(key) {
    const conversation = this.conversations.get(key);
    if (!conversation) return;
    for (const id of conversation.ids) this.messages.delete(id);
    this.conversations.delete(key);
  }

  /**
   * Adds a message (any shape: a live or synced one from the library, a reply item, the user's own send) once;
   * returns the conversation it went to, or undefined when it was known already or is an announcement.
   */
  add(raw, { receipts } = {}) {
    const message = normalize(raw, this.me);
    this.names.set(message.sender.id, message.sender.name || message.sender.id);
    if (message.announcement) {
      if (!this.announcements.has(message.id)) this.announcements.set(message.id, message);
      return undefined;
    }
    if (receipts) this.receipts.set(message.id, new Map(receipts.map((r) => [r.receiverId, r.readAt ?? ''])));
    else if (message.sender.id === this.me.id && !message.room && !this.receipts.has(message.id)) {
      this.receipts.set(message.id, new Map(message.receivers.map((id) => [id, ''])));
    }
    if (this.messages.has(message.id)) return undefined;
    const key = this.keyOf(message);
    let conversation = this.conversations.get(key);
    if (!conversation) {
      if (message.room) return undefined; // a room the user is not in (any more): nothing to show it in
      conversation = this.direct(key.slice(2).split(','));
    }
    this.messages.set(message.id, message);
    conversation.ids.add(message.id);
    conversation.lastAt = maxTime(conversation.lastAt, message.createdAt);
    return conversation;
  }

  remove(id) {
    this.messages.delete(id);
    this.announcements.delete(id);
    for (const conversation of this.conversations.values()) conversation.ids.delete(id);
  }

  /** A conversation's messages, oldest first. */
  messagesOf(key) {
    const conversation = this.conversations.get(key);
    if (!conversation) return [];
    return [...conversation.ids].map((id) => this.messages.get(id)).filter(Boolean)
      .sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt)));
  }

  /** Unread messages: a room's count from the server; a direct conversation's received messages not read. */
  unreadOf(conversation) {
    if (conversation.kind === 'room') return conversation.unread;
    return this.unreadReceived(conversation.key).length;
  }

  unreadReceived(key) {
    return this.messagesOf(key).filter((m) => m.sender.id !== this.me.id && !m.readAt);
  }

  markRead(ids, readAt) {
    for (const id of ids) {
      const message = this.messages.get(id) ?? this.announcements.get(id);
      if (message) message.readAt = readAt || new Date().toISOString();
    }
  }

  receiptRead(id, reader, readAt) {
    const receipts = this.receipts.get(id);
    if (receipts) receipts.set(reader, readAt);
  }

  /** Conversations, most recent activity first. */
  sorted() {
    return [...this.conversations.values()].sort((a, b) => b.lastAt.localeCompare(a.lastAt));
  }

  titleOf(conversation) {
    if (conversation.kind === 'room') return conversation.room?.name ?? 'Room';
    return conversation.peers.map((id) => this.names.get(id) ?? id).join(', ');
  }

  typingIn(key, now = Date.now()) {
    const typing = this.typing.get(key);
    if (!typing) return [];
    return [...typing].filter(([, until]) => until > now).map(([id]) => this.names.get(id) ?? id);
  }
}

/** One shape for every message the app meets (docs/protocol.md: live `message`, reply items, sync). */
export function normalize(raw, me) {
  const m = raw.message ?? raw;
  return {
    id: m.id,
    sender: m.sender ?? { id: me.id, name: me.name },
    receivers: m.receivers ?? [],
    title: m.title ?? '',
    body: m.body ?? '',
    type: m.type ?? '',
    createdAt: iso(m.createdAt),
    room: m.room || m.roomId || '',
    announcement: m.announcement === true,
    readAt: raw.readAt ?? m.readAt ?? '',
  };
}

/** Timestamps in one form (milliseconds, `Z`), so that they compare as strings: the server sends 0 to 9 digits. */
export function iso(timestamp) {
  const date = timestamp ? new Date(timestamp) : new Date();
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

function maxTime(a, b) {
  if (!a) return b ?? '';
  if (!b) return a;
  return a > b ? a : b;
}
