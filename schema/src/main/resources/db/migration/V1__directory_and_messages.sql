-- Herald schema, version 1: the user directory, direct messages and their receipts.
-- jOOQ classes are generated from these files (DDLDatabase): keep key and index
-- columns varchar/uuid, name every constraint, and fence PostgreSQL-only syntax
-- with [jooq ignore start] / [jooq ignore stop].

-- Every user that has gone online once (or was provisioned by an admin).
create table users (
    id          varchar(255) not null,
    name        varchar(255) not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint users_pkey primary key (id)
);

-- One row per direct message. id is a UUIDv7, so ordering by id is ordering by time.
create table messages (
    id               uuid not null,
    sender_id        varchar(255) not null,
    sender_name      varchar(255) not null,
    title            text not null,
    body             text not null,
    type             varchar(255) not null,
    client_id        varchar(255),
    created_at       timestamp with time zone not null,
    stream_sequence  bigint not null,
    constraint messages_pkey primary key (id)
);

-- A sender's outbox, newest first.
create index messages_outbox_idx on messages (sender_id, id);

-- [jooq ignore start]
-- A sender's idempotency keys are unique for good (beyond JetStream's duplicate window).
create unique index messages_sender_client_id_key on messages (sender_id, client_id) where client_id is not null;
-- [jooq ignore stop]

-- One row per receiver of a message: read and deleted state live here. No foreign key to
-- messages: the worker always inserts a message and its receipts in one transaction, and the
-- check cost almost half of each batch insert; deleting a message deletes its receipts explicitly.
create table receipts (
    receiver_id  varchar(255) not null,
    message_id   uuid not null,
    read_at      timestamp with time zone,
    deleted_at   timestamp with time zone,
    constraint receipts_pkey primary key (receiver_id, message_id)
);

-- Receipts of one message (a sender's view of read states, deletes).
create index receipts_message_idx on receipts (message_id);
