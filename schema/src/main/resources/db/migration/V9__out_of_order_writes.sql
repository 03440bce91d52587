-- Herald schema, version 9: several persistence-workers share the durable consumer, so one event can be applied
-- before an event that came earlier in the stream. What an update names but is not stored yet waits here, and the
-- insert that stores it applies it (docs/architecture.md, "Several workers").

-- A read, delete, sender's delete, recall or room read of a message not stored yet. kind: read, deleted,
-- sent_deleted, recalled, room_read; user_id is the receiver (read, deleted, room_read) or the sender; at is the
-- event's time (none for room_read); room_id and stream_sequence are the room read's room and event.
create table pending_marks (
    message_id       uuid not null,
    user_id          varchar(255) not null,
    kind             varchar(16) not null,
    at               timestamp with time zone,
    room_id          uuid,
    stream_sequence  bigint not null,
    constraint pending_marks_pkey primary key (message_id, user_id, kind)
);

-- A user's last-seen time that came before the user's row; the upsert that stores the user applies it.
create table pending_last_seen (
    user_id       varchar(255) not null,
    last_seen_at  timestamp with time zone not null,
    constraint pending_last_seen_pkey primary key (user_id)
);
