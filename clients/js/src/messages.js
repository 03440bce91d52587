/**
 * One shape for a message however it came: a live `message` event's data, or an item of a `sync` reply
 * (`{message, readAt?, receiverCount}`). `room` is set for a room message and left out otherwise, as live.
 */
export function fromLive(data) {
  return withoutEmpty({ ...fields(data, data.room), source: 'live' });
}

export function fromSync(item) {
  const m = item.message;
  return withoutEmpty({
    ...fields(m, m.roomId),
    readAt: item.readAt,
    receiverCount: item.receiverCount,
    source: 'sync',
  });
}

/** What both carry; the room is named `room` live and `roomId` in a sync item. */
function fields(m, room) {
  return {
    id: m.id,
    sender: m.sender,
    receivers: m.receivers ?? [],
    title: m.title ?? '',
    body: m.body,
    type: m.type ?? '',
    createdAt: m.createdAt,
    room: room || undefined,
    announcement: m.announcement === true,
  };
}

function withoutEmpty(message) {
  for (const key of Object.keys(message)) {
    if (message[key] === undefined) delete message[key];
  }
  return message;
}
