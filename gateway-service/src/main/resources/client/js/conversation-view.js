import { byId, el, idList, shortTime } from './dom.js';

const PAGE = 20;
const TYPING_EVERY_MS = 2000;

/**
 * One open conversation: its messages (older ones paged in when scrolled to the top, or with the button), the
 * composer, read ticks per receiver on the user's own direct messages, who is typing, delete for me and recall;
 * for a room also its members, adding members and leaving.
 */
export class ConversationView {
  #client;
  #store;
  #notices;
  #changed;
  #key;
  /** conversation key -> {inboxBefore, sentBefore, roomBefore, done} */
  #paging = new Map();
  #loading = false;
  #lastTypingSent = 0;

  constructor(client, store, notices, changed) {
    this.#client = client;
    this.#store = store;
    this.#notices = notices;
    this.#changed = changed;
    byId('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#send();
    });
    byId('composer-body').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#send();
      }
    });
    byId('composer-body').addEventListener('input', () => this.#typed());
    byId('history').addEventListener('scroll', () => {
      if (byId('history').scrollTop < 40) this.loadOlder();
    });
    byId('load-older').addEventListener('click', () => this.loadOlder());
    byId('show-members').addEventListener('click', () => this.#toggleMembers());
    byId('leave-room').addEventListener('click', () => this.#leave());
    byId('add-members').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#addMembers();
    });
  }

  get key() {
    return this.#key;
  }

  async open(key) {
    const conversation = this.#store.conversations.get(key);
    if (!conversation) return;
    this.#key = key;
    byId('members').hidden = true;
    byId('room-actions').hidden = conversation.kind !== 'room';
    this.render({ toBottom: true });
    if (this.#store.messagesOf(key).length < PAGE) await this.loadOlder();
    this.render({ toBottom: true });
    await this.markRead();
  }

  close() {
    this.#key = undefined;
  }

  /** Re-renders the open conversation; keeps the reader's place unless it was at the bottom. */
  render({ toBottom = false } = {}) {
    const conversation = this.#key && this.#store.conversations.get(this.#key);
    if (!conversation) return;
    byId('conversation-title').textContent = conversation.kind === 'room'
      ? `${this.#store.titleOf(conversation)}${conversation.room?.topic ? ` — ${conversation.room.topic}` : ''}`
      : this.#store.titleOf(conversation);
    const history = byId('history');
    const atBottom = history.scrollHeight - history.scrollTop - history.clientHeight < 40;
    byId('message-list').replaceChildren(...this.#store.messagesOf(this.#key).map((m) => this.#item(m, conversation)));
    byId('load-older').hidden = Boolean(this.#paging.get(this.#key)?.done);
    this.renderTyping();
    if (toBottom || atBottom) history.scrollTop = history.scrollHeight;
  }

  renderTyping() {
    if (!this.#key) return;
    const names = this.#store.typingIn(this.#key);
    byId('typing').textContent = names.length ? `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} typing…` : '';
  }

  /** Marks what the user now sees read: received direct messages, or the room up to its newest message. */
  async markRead() {
    const conversation = this.#key && this.#store.conversations.get(this.#key);
    if (!conversation || document.visibilityState === 'hidden') return;
    if (conversation.kind === 'room') {
      const newest = this.#store.messagesOf(conversation.key).filter((m) => !m.pending).at(-1);
      if (!newest || conversation.unread === 0) return;
      const answer = await this.#notices.run('Marking the room read', () =>
        this.#client.readRoom({ roomId: conversation.roomId, messageId: newest.id }));
      if (answer) {
        conversation.unread = answer.unread;
        conversation.unreadCapped = answer.unreadCapped;
      }
    } else {
      const ids = this.#store.unreadReceived(conversation.key).map((m) => m.id);
      if (!ids.length) return;
      const answer = await this.#notices.run('Marking messages read', () => this.#client.read({ ids }));
      if (answer) this.#store.markRead(ids, answer.readAt);
    }
    this.#changed();
  }

  /** Pages in older messages from the server: a room's history, or the received and sent lists. */
  async loadOlder() {
    const key = this.#key;
    const conversation = key && this.#store.conversations.get(key);
    if (!conversation || this.#loading) return;
    const paging = this.#paging.get(key) ?? { inboxBefore: '', sentBefore: '', roomBefore: '', done: false, inboxDone: false, sentDone: false };
    this.#paging.set(key, paging);
    if (paging.done) return;
    this.#loading = true;
    const history = byId('history');
    const fromBottom = history.scrollHeight - history.scrollTop;
    try {
      if (conversation.kind === 'room') {
        const page = await this.#client.roomMessages({ roomId: conversation.roomId, before: paging.roomBefore, limit: PAGE });
        page.messages.forEach((item) => this.#store.add(item));
        paging.roomBefore = page.nextBefore;
        paging.done = !page.nextBefore;
      } else {
        await this.#loadDirect(conversation, paging);
      }
    } catch (error) {
      this.#notices.show(error, 'Loading older messages');
    } finally {
      this.#loading = false;
    }
    if (this.#key === key) {
      this.render();
      history.scrollTop = history.scrollHeight - fromBottom;
    }
  }

  async #loadDirect(conversation, paging) {
    const peer = conversation.peers[0];
    if (!paging.inboxDone) {
      const page = await this.#client.inbox({ senderId: peer, before: paging.inboxBefore, limit: PAGE });
      page.messages.forEach((item) => this.#store.add(item));
      paging.inboxBefore = page.nextBefore;
      paging.inboxDone = !page.nextBefore;
    }
    if (!paging.sentDone) {
      const page = await this.#client.sent({ before: paging.sentBefore, limit: 50 });
      page.messages.forEach((item) => this.#store.add(item, { receipts: item.receipts }));
      paging.sentBefore = page.nextBefore;
      paging.sentDone = !page.nextBefore;
    }
    paging.done = paging.inboxDone && paging.sentDone;
  }

  #item(message, conversation) {
    const mine = message.sender.id === this.#store.me.id;
    const actions = el('div', { class: 'message-actions' },
      el('button', { type: 'button', onclick: () => this.#deleteForMe(message, mine) }, 'Delete for me'),
      mine && !message.pending ? el('button', { type: 'button', class: 'danger', onclick: () => this.#recall(message) }, 'Recall') : undefined);
    return el('li', { class: `message${mine ? ' mine' : ''}`, 'data-id': message.id },
      el('div', { class: 'meta' },
        el('span', { class: 'sender' }, mine ? 'You' : (message.sender.name || message.sender.id)),
        el('time', { datetime: message.createdAt }, shortTime(message.createdAt))),
      message.title ? el('strong', {}, message.title) : undefined,
      el('p', { class: 'body' }, message.body),
      mine && conversation.kind === 'direct' ? this.#ticks(message) : undefined,
      actions);
  }

  /** One tick per receiver: sent, or read (with when). */
  #ticks(message) {
    if (message.pending) return el('p', { class: 'ticks' }, 'Sending…');
    const receipts = this.#store.receipts.get(message.id) ?? new Map();
    return el('p', { class: 'ticks' }, ...[...receipts].map(([receiver, readAt]) => {
      const name = this.#store.names.get(receiver) ?? receiver;
      return readAt
        ? el('span', { class: 'read', 'data-receiver': receiver, 'data-read': 'true', title: `read ${shortTime(readAt)}` }, `✓✓ Read by ${name} `)
        : el('span', { 'data-receiver': receiver, 'data-read': 'false' }, `✓ Sent to ${name} `);
    }));
  }

  async #send() {
    const conversation = this.#key && this.#store.conversations.get(this.#key);
    const input = byId('composer-body');
    const body = input.value.trim();
    if (!conversation || !body) return;
    input.value = '';
    const target = conversation.kind === 'room' ? { room: conversation.roomId } : { receivers: conversation.peers };
    const pendingId = `pending-${crypto.randomUUID()}`;
    // Shown at once as "Sending…": the library sends it again after a reconnect until it is acked.
    this.#store.add({ id: pendingId, sender: { id: this.#store.me.id, name: this.#store.me.name }, receivers: target.receivers ?? [], body, room: target.room });
    this.#store.messages.get(pendingId).pending = true;
    this.render({ toBottom: true });
    try {
      const ack = await this.#client.send({ ...target, body });
      this.#store.remove(pendingId);
      this.#store.add({ id: ack.id, createdAt: ack.createdAt, sender: { id: this.#store.me.id, name: this.#store.me.name }, receivers: target.receivers ?? [], body, room: target.room });
    } catch (error) {
      this.#store.remove(pendingId);
      input.value = body;
      this.#notices.show(error, 'Sending the message');
    }
    this.#changed();
  }

  #typed() {
    const conversation = this.#key && this.#store.conversations.get(this.#key);
    const now = Date.now();
    if (!conversation || now - this.#lastTypingSent < TYPING_EVERY_MS) return;
    // Typing goes to one user with whom the user has a conversation already (the server refuses any other).
    if (conversation.kind === 'direct' && (conversation.peers.length !== 1 || !conversation.ids.size)) return;
    this.#lastTypingSent = now;
    const data = conversation.kind === 'room' ? { roomId: conversation.roomId } : { to: conversation.peers[0] };
    this.#client.typing(data).catch((error) => this.#notices.show(error, 'Telling that you are typing'));
  }

  async #deleteForMe(message, mine) {
    const ids = [message.id];
    const answer = await this.#notices.run('Deleting the message', () =>
      (mine ? this.#client.deleteSent({ ids }) : this.#client.delete({ ids })));
    if (!answer) return;
    if (answer.unknown?.length) this.#notices.show(`message ${message.id} was not there to delete`, 'Deleting the message');
    this.#store.remove(message.id);
    this.#changed();
  }

  async #recall(message) {
    const answer = await this.#notices.run('Recalling the message', () => this.#client.recall({ ids: [message.id] }));
    if (!answer) return;
    if (answer.unknown?.length) this.#notices.show(`message ${message.id} could not be recalled (already recalled, or not yours)`, 'Recalling');
    this.#store.remove(message.id);
    this.#changed();
  }

  async #toggleMembers() {
    const panel = byId('members');
    const conversation = this.#store.conversations.get(this.#key);
    if (!panel.hidden || !conversation) {
      panel.hidden = true;
      return;
    }
    const answer = await this.#notices.run('Listing the members', () => this.#client.members({ roomId: conversation.roomId, limit: 100 }));
    if (!answer) return;
    byId('member-list').replaceChildren(...answer.members.map((member) => el('li', {},
      el('span', { class: `dot${member.online ? ' online' : ''}`, 'aria-hidden': 'true' }), ' ',
      member.user.name || member.user.id, member.owner ? ' (owner)' : '', member.online ? ' — online' : '')));
    byId('add-members').hidden = !conversation.owner;
    panel.hidden = false;
  }

  async #addMembers() {
    const conversation = this.#store.conversations.get(this.#key);
    const userIds = idList(byId('add-members-ids').value);
    if (!conversation || !userIds.length) return;
    const answer = await this.#notices.run('Adding members', () => this.#client.addMembers({ roomId: conversation.roomId, userIds }));
    if (!answer) return;
    byId('add-members-ids').value = '';
    byId('members').hidden = true;
    await this.#toggleMembers();
  }

  async #leave() {
    const conversation = this.#store.conversations.get(this.#key);
    if (!conversation) return;
    const answer = await this.#notices.run('Leaving the room', () => this.#client.leaveRoom({ roomId: conversation.roomId }));
    if (!answer) return;
    this.#store.removeConversation(conversation.key);
    this.#changed({ closed: conversation.key });
  }
}
