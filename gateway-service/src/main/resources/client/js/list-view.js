import { byId, el, shortTime } from './dom.js';

/**
 * The sidebar: announcements apart, then every conversation (direct ones and rooms) with its unread badge and,
 * for a direct conversation with one user, a presence dot. Selecting one calls `onOpen(key)`.
 */
export class ListView {
  #store;
  #onOpen;
  #onReadAnnouncements;

  constructor(store, { onOpen, onReadAnnouncements }) {
    this.#store = store;
    this.#onOpen = onOpen;
    this.#onReadAnnouncements = onReadAnnouncements;
  }

  render(openKey) {
    this.#renderAnnouncements();
    const list = byId('conversation-list');
    const conversations = this.#store.sorted();
    byId('no-conversations').hidden = conversations.length > 0;
    list.replaceChildren(...conversations.map((conversation) => this.#item(conversation, openKey)));
  }

  #item(conversation, openKey) {
    const title = this.#store.titleOf(conversation);
    const unread = this.#store.unreadOf(conversation);
    const single = conversation.kind === 'direct' && conversation.peers.length === 1 ? conversation.peers[0] : undefined;
    const online = single !== undefined && this.#store.presence.get(single) === true;
    const dot = conversation.kind === 'room'
      ? el('span', { class: 'dot room', 'aria-hidden': 'true' })
      : el('span', { class: `dot${online ? ' online' : ''}`, 'aria-hidden': 'true' });
    // The accessible name is the button's text: the title as shown, then what the dot and the badge say.
    return el('li', {},
      el('button', {
        type: 'button', 'data-key': conversation.key,
        'aria-current': conversation.key === openKey ? 'true' : undefined,
        onclick: () => this.#onOpen(conversation.key),
      },
      dot,
      el('span', { class: 'name' }, conversation.kind === 'room' ? el('span', { class: 'visually-hidden' }, 'Room ') : undefined, title),
      single !== undefined ? el('span', { class: 'visually-hidden' }, online ? ', online' : ', offline') : undefined,
      unread ? el('span', { class: 'badge', 'data-unread': unread }, conversation.unreadCapped ? '999+' : String(unread)) : undefined,
      unread ? el('span', { class: 'visually-hidden' }, ' unread') : undefined));
  }

  #renderAnnouncements() {
    const section = byId('announcements');
    const announcements = [...this.#store.announcements.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    section.hidden = announcements.length === 0;
    const unread = announcements.filter((a) => !a.readAt).map((a) => a.id);
    byId('announcement-list').replaceChildren(...announcements.slice(0, 5).map((a) => el('li', { 'data-id': a.id },
      el('strong', {}, a.title || 'Announcement'), ' ', a.body, ' ',
      el('small', {}, shortTime(a.createdAt), a.readAt ? '' : ' (new)'))));
    if (unread.length) {
      byId('announcement-list').append(el('li', {}, el('button', {
        type: 'button', class: 'secondary', onclick: () => this.#onReadAnnouncements(unread),
      }, 'Mark announcements read')));
    }
  }
}
