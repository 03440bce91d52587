-- Herald schema, version 8: erasing a user, and retention.
--
-- An erased user keeps one row here and nothing else: the worker drops every later-delivered event of theirs that
-- is earlier in the stream than the erasure (stream_sequence) or stamped before it (erased_at), so no redelivery,
-- replay or republished dead letter brings their data back. Events after the erasure (the user signing in again
-- with a new token) are stored as a new user's.
create table erased_users (
    user_id          varchar(255) not null,
    erased_at        timestamp with time zone not null,
    stream_sequence  bigint not null,
    constraint erased_users_pkey primary key (user_id)
);

-- Purges, room deletions, erasures and retention delete marks by message: without this index each of those
-- statements scanned every mark.
create index message_marks_message_idx on message_marks (message_id);
