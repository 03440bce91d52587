import { byId, el, shortTime } from './dom.js';

/**
 * The admin view: search every message with filters (adminQuery, adminCount), page on, delete for good
 * (adminDelete). The message-service checks the role: a user without it gets PERMISSION_DENIED, shown like any
 * other error.
 */
export class AdminView {
  #client;
  #notices;
  #deleted;
  #filter = {};
  #nextBefore = '';

  /** @param deleted called with the id of each message deleted, so the chat forgets it too */
  constructor(client, notices, deleted) {
    this.#client = client;
    this.#notices = notices;
    this.#deleted = deleted;
    byId('admin-search').addEventListener('submit', (event) => {
      event.preventDefault();
      this.search();
    });
    byId('admin-more').addEventListener('click', () => this.#page(false));
  }

  async search() {
    this.#filter = withoutEmpty({
      text: byId('admin-text').value.trim(),
      senderId: byId('admin-sender').value.trim(),
      receiverId: byId('admin-receiver').value.trim(),
      type: byId('admin-type').value.trim(),
      since: instant(byId('admin-since').value),
      until: instant(byId('admin-until').value),
    });
    this.#nextBefore = '';
    const counted = await this.#notices.run('Counting messages', () => this.#client.adminCount({ filter: this.#filter }));
    byId('admin-count').textContent = counted ? `${counted.count} matching message${String(counted.count) === '1' ? '' : 's'}` : '';
    await this.#page(true);
  }

  async #page(first) {
    const answer = await this.#notices.run('Searching messages', () =>
      this.#client.adminQuery({ filter: this.#filter, before: this.#nextBefore, limit: 50 }));
    if (!answer) return;
    const rows = answer.messages.map((item) => this.#row(item));
    const body = byId('admin-results').tBodies[0];
    if (first) body.replaceChildren(...rows);
    else body.append(...rows);
    this.#nextBefore = answer.nextBefore;
    byId('admin-more').hidden = !answer.nextBefore;
  }

  #row(item) {
    const m = item.message;
    const to = m.roomId ? `room ${m.roomId}` : m.announcement ? 'everyone' : m.receivers.join(', ');
    const row = el('tr', { 'data-id': m.id },
      el('td', {}, el('time', { datetime: m.createdAt }, shortTime(m.createdAt))),
      el('td', {}, m.sender.name ? `${m.sender.name} (${m.sender.id})` : m.sender.id),
      el('td', {}, to),
      el('td', {}, m.title ? el('strong', {}, `${m.title}: `) : '', m.body),
      el('td', {}));
    row.lastElementChild.append(el('button', {
      type: 'button', class: 'danger', 'aria-label': `Delete message ${m.body.slice(0, 40)}`,
      onclick: () => this.#delete(m.id, row),
    }, 'Delete'));
    return row;
  }

  async #delete(id, row) {
    const answer = await this.#notices.run('Deleting the message for good', () => this.#client.adminDelete({ ids: [id] }));
    if (!answer) return;
    if (answer.unknown?.length) this.#notices.show(`message ${id} was already gone`, 'Deleting the message');
    row.remove();
    this.#deleted(id);
  }
}

function instant(localValue) {
  return localValue ? new Date(localValue).toISOString() : '';
}

function withoutEmpty(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== ''));
}
