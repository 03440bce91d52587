/**
 * One shape for a message however it came: a live `message` event's data, or an item of a `sync` reply
 * (`{message, readAt?, receiverCount}`). `room` is set for a room message and left out otherwise, as live.
 */
export function fromLive(data) {
  return withoutEmpty({
    id: data.id,
    sender: data.sender,
    receivers: data.receivers ?? [],
    title: data.title ?? '',
    body: data.body,
    type: data.type ?? '',
    createdAt: data.createdAt,
    room: data.room || undefined,
    announcement: data.announcement === true,
    source: 'live',
  });
}

export function fromSync(item) {
  const m = item.message;
  return withoutEmpty({
    id: m.id,
    sender: m.sender,
    receivers: m.receivers ?? [],
    title: m.title ?? '',
    body: m.body,
    type: m.type ?? '',
    createdAt: m.createdAt,
    room: m.roomId || undefined,
    announcement: m.announcement === true,
    readAt: item.readAt,
    receiverCount: item.receiverCount,
    source: 'sync',
  });
}

function withoutEmpty(message) {
  for (const key of Object.keys(message)) {
    if (message[key] === undefined) delete message[key];
  }
  return message;
}
