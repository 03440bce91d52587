-- Herald schema, version 4: a purged message stays purged. The worker records the id of every message an
-- admin purges and never inserts a message whose id is recorded, so a redelivered event of a message purged
-- in the meantime (its first ack lost) cannot bring it back.
create table purged_messages (
    id         uuid not null,
    purged_at  timestamp with time zone not null,
    constraint purged_messages_pkey primary key (id)
);
