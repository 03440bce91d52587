import { byId, el, idList } from './dom.js';

/** Creating a room, and finding and joining public rooms (dialogs); the room view itself is ConversationView's. */
export class RoomDialogs {
  #client;
  #store;
  #notices;
  #opened;

  /** @param opened called with the key of a room created or joined, to open it */
  constructor(client, store, notices, opened) {
    this.#client = client;
    this.#store = store;
    this.#notices = notices;
    this.#opened = opened;
    byId('open-new-room').addEventListener('click', () => byId('new-room-dialog').showModal());
    byId('open-public-rooms').addEventListener('click', () => this.#showPublicRooms());
    byId('new-room').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#create();
    });
    for (const button of document.querySelectorAll('.close-dialog')) {
      button.addEventListener('click', () => button.closest('dialog').close());
    }
  }

  async #create() {
    const request = {
      name: byId('room-name').value.trim(),
      topic: byId('room-topic').value.trim(),
      public: byId('room-public').checked,
      memberIds: idList(byId('room-members').value),
    };
    const answer = await this.#notices.run('Creating the room', () => this.#client.createRoom(request));
    if (!answer) return;
    byId('new-room').reset();
    byId('new-room-dialog').close();
    const conversation = this.#store.upsertRoom(answer.room);
    conversation.owner = true;
    this.#opened(conversation.key);
  }

  async #showPublicRooms() {
    const dialog = byId('public-rooms-dialog');
    const answer = await this.#notices.run('Listing public rooms', () => this.#client.publicRooms({ limit: 100 }));
    if (!answer) return;
    const list = byId('public-room-list');
    list.replaceChildren(...answer.rooms.map((room) => {
      const member = this.#store.conversations.has(`r:${room.id}`);
      return el('li', {},
        el('span', {}, room.name, ` (${room.memberCount} member${room.memberCount === 1 ? '' : 's'})`),
        member
          ? el('span', {}, 'joined')
          : el('button', { type: 'button', onclick: () => this.#join(room) }, `Join ${room.name}`));
    }));
    if (!answer.rooms.length) list.append(el('li', {}, 'No public rooms yet.'));
    dialog.showModal();
  }

  async #join(room) {
    const answer = await this.#notices.run(`Joining ${room.name}`, () => this.#client.joinRoom({ roomId: room.id }));
    if (!answer) return;
    byId('public-rooms-dialog').close();
    this.#opened(this.#store.upsertRoom(answer.room).key);
  }
}
