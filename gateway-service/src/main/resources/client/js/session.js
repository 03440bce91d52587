import { HeraldClient } from '/lib/index.js';
import { AdminView } from './admin-view.js';
import { ConversationView } from './conversation-view.js';
import { byId, idList } from './dom.js';
import { ListView } from './list-view.js';
import { RoomDialogs } from './rooms.js';
import { claimsOf } from './signin.js';
import { ChatStore } from './store.js';

const STATE_TEXT = {
  connecting: 'Connecting…',
  online: 'Online',
  reconnecting: 'Reconnecting…',
  offline: 'Offline: waiting for the network',
  closed: 'Signed out',
};
const TYPING_SHOWN_MS = 5000;

/**
 * One signed-in session: the library's client, the store, the views, and the wiring of the server's events to
 * them. `ended` is called when the session is over (signed out, or a pasted token was rejected).
 */
export class ChatSession {
  #tokens;
  #notices;
  #ended;
  #client;
  #store;
  #list;
  #conversation;
  #admin;

  constructor(tokens, notices, ended) {
    this.#tokens = tokens;
    this.#notices = notices;
    this.#ended = ended;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.#client = new HeraldClient({ url: `${scheme}://${location.host}/ws`, getToken: () => tokens.getToken() });
  }

  async start() {
    const client = this.#client;
    client.on('state', (state) => showState(state));
    client.on('exception', (error) => this.#notices.show(error, 'The server reported'));
    client.on('closed', ({ code, reason, willRetry }) => {
      if (!willRetry && code !== 1000) this.#notices.show(`connection closed with ${code}${reason ? ` (${reason})` : ''}`, 'Disconnected');
    });
    client.on('tokenRejected', () => this.#tokenRejected());
    let me;
    try {
      me = await client.connect();
    } catch (error) {
      this.#notices.show(error, 'Signing in');
      client.close();
      this.#ended('failed');
      return;
    }
    this.#build(me);
  }

  #build(me) {
    const client = this.#client;
    const token = this.#tokens.choice.kind === 'token' ? this.#tokens.choice.token : undefined;
    const admin = this.#tokens.choice.kind === 'dev' ? this.#tokens.choice.admin : (claimsOf(token).roles ?? []).includes('admin');
    const user = { id: me.user?.id ?? me.userId, name: me.user?.name ?? me.name };
    const store = new ChatStore(user);
    this.#store = store;
    this.#list = new ListView(store, {
      onOpen: (key) => this.#open(key),
      onReadAnnouncements: (ids) => this.#readAnnouncements(ids),
    });
    this.#conversation = new ConversationView(client, store, this.#notices, (change) => this.#refresh(change));
    new RoomDialogs(client, store, this.#notices, (key) => this.#open(key));
    this.#admin = new AdminView(client, this.#notices, (id) => {
      store.remove(id);
      this.#refresh();
    });
    byId('me').textContent = `Signed in as ${user.name || user.id}${user.name && user.name !== user.id ? ` (${user.id})` : ''}`;
    byId('user-bar').hidden = false;
    byId('open-admin').hidden = !admin;
    byId('chat-view').hidden = false;
    this.#wireControls();
    this.#wireServerEvents();
    this.#refresh();
    this.#loadRooms();
    this.#loadSent();
  }

  #wireControls() {
    byId('sign-out').onclick = () => this.signOut('signedOut');
    byId('open-admin').onclick = () => this.#showAdmin(true);
    byId('admin-back').onclick = () => this.#showAdmin(false);
    byId('back').onclick = () => this.#closeConversation();
    byId('new-direct').onsubmit = (event) => {
      event.preventDefault();
      const peers = idList(byId('new-direct-user').value);
      if (!peers.length) return;
      byId('new-direct-user').value = '';
      const conversation = this.#store.direct(peers);
      this.#askPresence(peers);
      this.#open(conversation.key);
    };
  }

  #wireServerEvents() {
    const client = this.#client;
    const store = this.#store;
    client.on('message', (message) => {
      const conversation = store.add(message);
      const from = message.sender?.id;
      if (conversation?.kind === 'direct' && conversation.peers.length === 1 && !store.presence.has(conversation.peers[0])) {
        // A new correspondent: ask once; `presence` events keep it current from then on.
        store.presence.set(conversation.peers[0], false);
        this.#askPresence(conversation.peers);
      }
      if (conversation) {
        store.typing.get(conversation.key)?.delete(from);
        const open = conversation.key === this.#conversation.key;
        if (conversation.kind === 'room' && message.source === 'live' && from !== store.me.id && !open) conversation.unread += 1;
        if (open) this.#conversation.markRead();
      }
      this.#refresh();
    });
    client.on('read', ({ id, reader, readAt }) => {
      store.receiptRead(id, reader, readAt);
      this.#refresh();
    });
    client.on('recalled', ({ id }) => {
      store.remove(id);
      this.#refresh();
    });
    client.on('presence', ({ user, online }) => {
      store.presence.set(user, online);
      this.#refresh();
    });
    client.on('typing', ({ from, room }) => this.#typing(room ? `r:${room}` : store.directKey([from]), from));
    client.on('room', (change) => this.#roomChanged(change));
    client.on('resync', () => {
      this.#loadRooms();
      this.#askPresence(this.#directPeers());
    });
    client.on('cursorReset', () => this.#notices.show('the sync position was reset: catching up from the start', 'Sync'));
  }

  /** Re-renders the list and the open conversation; `closed` names a conversation that went away. */
  #refresh(change = {}) {
    if (change.closed && change.closed === this.#conversation.key) this.#closeConversation();
    this.#list.render(this.#conversation.key);
    this.#conversation.render();
  }

  async #open(key) {
    this.#showAdmin(false);
    byId('conversation').hidden = false;
    byId('placeholder').hidden = true;
    byId('chat-view').classList.add('open');
    const opening = this.#conversation.open(key);
    this.#list.render(key);
    byId('composer-body').focus();
    await opening;
    this.#list.render(key);
  }

  #closeConversation() {
    this.#conversation.close();
    byId('conversation').hidden = true;
    byId('placeholder').hidden = false;
    byId('chat-view').classList.remove('open');
    this.#list.render(undefined);
  }

  #showAdmin(shown) {
    byId('admin-view').hidden = !shown;
    byId('chat-view').hidden = shown;
    if (shown) byId('admin-text').focus();
  }

  #typing(key, from) {
    const typing = this.#store.typing.get(key) ?? new Map();
    typing.set(from, Date.now() + TYPING_SHOWN_MS);
    this.#store.typing.set(key, typing);
    this.#conversation.renderTyping();
    setTimeout(() => this.#conversation.renderTyping(), TYPING_SHOWN_MS + 50);
  }

  async #roomChanged({ room, change }) {
    const key = `r:${room}`;
    if (change === 'removed' || change === 'deleted') {
      this.#store.removeConversation(key);
      this.#refresh({ closed: key });
      return;
    }
    const answer = await this.#notices.run('Reading a room that changed', () => this.#client.getRoom({ roomId: room }));
    if (answer) this.#store.upsertRoom(answer.room);
    this.#refresh();
  }

  async #loadRooms() {
    const answer = await this.#notices.run('Listing your rooms', () => this.#client.rooms({ limit: 100 }));
    if (!answer) return;
    for (const summary of answer.rooms) {
      this.#store.upsertRoom(summary.room, summary);
      if (summary.lastMessage) this.#store.add(summary.lastMessage);
    }
    this.#refresh();
  }

  /** The user's recent sent messages: conversations it started, with the receivers' read state. */
  async #loadSent() {
    const answer = await this.#notices.run('Listing sent messages', () => this.#client.sent({ limit: 100 }));
    if (!answer) return;
    for (const item of answer.messages) this.#store.add(item, { receipts: item.receipts });
    this.#refresh();
    this.#askPresence(this.#directPeers());
  }

  #directPeers() {
    return [...new Set([...this.#store.conversations.values()]
      .filter((c) => c.kind === 'direct' && c.peers.length === 1).map((c) => c.peers[0]))];
  }

  async #askPresence(userIds) {
    if (!userIds.length) return;
    const answer = await this.#notices.run('Asking who is online', () => this.#client.presence({ userIds: userIds.slice(0, 500) }));
    if (!answer) return;
    for (const { userId, state } of answer.users) {
      // Unknown: not in the user's presence audience yet (no message exchanged); the first message asks again.
      if (state === 'STATE_UNKNOWN') this.#store.presence.delete(userId);
      else this.#store.presence.set(userId, state === 'STATE_ONLINE');
    }
    this.#refresh();
  }

  async #readAnnouncements(ids) {
    const answer = await this.#notices.run('Marking announcements read', () => this.#client.read({ ids }));
    if (!answer) return;
    this.#store.markRead(ids, answer.readAt);
    this.#refresh();
  }

  #tokenRejected() {
    if (this.#tokens.renewable) return; // the library asks getToken again, which mints a new one
    this.#notices.show('the token was rejected or has expired: paste a new one', 'Signing in');
    this.signOut('rejected');
  }

  /** Ends the session; `why` is 'signedOut' (the user asked) or 'rejected' (the token was refused). */
  signOut(why) {
    this.#client.close();
    for (const id of ['user-bar', 'chat-view', 'admin-view']) byId(id).hidden = true;
    this.#ended(why);
  }
}

export function showState(state) {
  const node = byId('state');
  node.dataset.state = state;
  node.textContent = STATE_TEXT[state] ?? state;
}
