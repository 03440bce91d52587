-- Herald schema, version 2: read/deleted/recalled state and the indexes of the inbox, outbox and
-- admin queries. Keyset pagination and time ranges use the time-ordered message id.

-- A sender's own view and recall (delete for everyone).
alter table messages add column sender_deleted_at timestamp with time zone;
alter table messages add column recalled_at timestamp with time zone;

-- Admin filter by type, newest first.
create index messages_type_idx on messages (type, id);

-- [jooq ignore start]
-- Unread counts and "unread only" inbox pages touch only unread, visible receipts.
create index receipts_unread_idx on receipts (receiver_id, message_id)
    where read_at is null and deleted_at is null;
-- A receiver's visible inbox (sync, lists) skips deleted and recalled receipts.
create index receipts_visible_idx on receipts (receiver_id, message_id) where deleted_at is null;
-- Admin "text contains" over title and body: trigram indexes serve ILIKE '%text%'.
create extension if not exists pg_trgm;
create index messages_body_trgm_idx on messages using gin (body gin_trgm_ops);
create index messages_title_trgm_idx on messages using gin (title gin_trgm_ops);
-- [jooq ignore stop]
