-- Herald schema, version 5: dead letters. A stream record the worker can never store (undecodable, or an event
-- PostgreSQL rejects even alone) is kept here as it came from the stream, then acked, so nothing is dropped
-- silently; an admin lists them and republishes them once the cause is fixed (AdminService.RetryDeadLetters).
create table dead_letters (
    id               bigint generated always as identity,
    stream_sequence  bigint not null,
    subject          text not null,
    payload          bytea not null,
    reason           text not null,
    sql_state        varchar(5),
    failed_at        timestamp with time zone not null,
    constraint dead_letters_pkey primary key (id)
);

-- Retry by stream sequence. Not unique: a worker that dies between storing a dead letter and its ack stores it
-- again on redelivery, and a stream recreated from scratch numbers its records from 1 again.
create index dead_letters_stream_sequence_idx on dead_letters (stream_sequence);
