-- Rooms, their members and read positions, room messages and announcements.
-- A room message or an announcement is one messages row and no receipts: storage does not grow with the
-- member count. Positions are stream sequences (publish order), the same kind as the sync cursor.

create table rooms (
    id               uuid not null,
    name             text not null,
    topic            text not null default '',
    public           boolean not null,
    creator_id       varchar(255) not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    -- the stream sequence of the RoomCreated event
    stream_sequence  bigint not null,
    member_count     integer not null default 0,
    -- the stream sequence and time of the event of the latest message, for "my rooms" ordering
    last_message_sequence  bigint not null default 0,
    -- a deleted room keeps its row (a tombstone): a redelivered event of it is not stored again
    deleted_at       timestamp with time zone,
    constraint rooms_pkey primary key (id)
);

-- Public room listing: keyset by (name, id) with a byte-wise prefix range. (Indexes only: jOOQ's DDL reader
-- cannot parse them, and the generated classes do not need them.)
-- [jooq ignore start]
create index rooms_public_name_idx on rooms ((name collate "C"), id) where public and deleted_at is null;
create index rooms_name_idx on rooms ((name collate "C"), id) where deleted_at is null;
-- [jooq ignore stop]

-- One row per (room, user) ever a member. A member who left keeps the row (left_sequence set) so what they
-- received before stays readable; a rejoin starts a new membership window (joined_sequence moves on).
create table room_members (
    room_id          uuid not null,
    user_id          varchar(255) not null,
    owner            boolean not null default false,
    -- when ownership was granted, to keep owners in order
    owner_since      bigint,
    joined_at        timestamp with time zone not null,
    -- the member sees messages with stream_sequence > joined_sequence ...
    joined_sequence  bigint not null,
    -- ... and < left_sequence while left (null: a current member)
    left_at          timestamp with time zone,
    left_sequence    bigint,
    -- read position: messages with stream_sequence <= read_sequence are read
    read_sequence    bigint not null default 0,
    constraint room_members_pkey primary key (room_id, user_id)
);

-- [jooq ignore start]
create index room_members_user_idx on room_members (user_id, room_id);
create index room_members_current_idx on room_members (room_id, user_id) where left_sequence is null;
-- [jooq ignore stop]

alter table messages add column room_id uuid;
alter table messages add column announcement boolean not null default false;

-- Room history, unread range scans and sync of room messages, in publish order; announcements likewise.
-- [jooq ignore start]
create index messages_room_idx on messages (room_id, stream_sequence, id) where room_id is not null;
create index messages_announcement_idx on messages (stream_sequence, id) where announcement;
-- [jooq ignore stop]

-- Announcements after a user's first appearance are theirs: the stream sequence of the event that stored
-- the user first (null for users stored before this migration: every announcement is theirs).
alter table users add column first_sequence bigint;
-- When the user's last socket anywhere closed (UserLastSeen).
alter table users add column last_seen_at timestamp with time zone;

-- A user's own marks on room messages and announcements, which have no receipts: delete-for-me (either) and
-- read (announcements; rooms use read_sequence). One row per mark made, never per member.
create table message_marks (
    user_id     varchar(255) not null,
    message_id  uuid not null,
    read_at     timestamp with time zone,
    deleted_at  timestamp with time zone,
    constraint message_marks_pkey primary key (user_id, message_id)
);
