-- Herald schema, version 6: sync follows publish order. A message's id is taken from the accepting instance's clock
-- before its publish, so ids do not follow the order in which messages became durable; the JetStream stream
-- sequence of the message's event (messages.stream_sequence) does. It is copied onto each receipt, so a receiver's
-- sync pages by (sequence, message id) on receipts alone. Receipts stored before this version keep NULL: sync reads
-- them as sequence 0, before every sequenced one, in id order (the order sync used to follow).
alter table receipts add column stream_sequence bigint;

-- The purged message's sequence, kept with its id, so the worker can delete the message's event (its body) from the
-- stream after the purge, and again when the purge is redelivered. NULL for purges recorded before this version.
alter table purged_messages add column stream_sequence bigint;

-- [jooq ignore start]
-- A receiver's sync, in publish order: keyset pages over (coalesce(stream_sequence, 0), message_id) of the visible
-- receipts. Queries must spell the expression exactly so (with the literal 0) for the planner to use this index.
create index receipts_sync_idx on receipts (receiver_id, (coalesce(stream_sequence, 0)), message_id)
    where deleted_at is null;
-- [jooq ignore stop]
