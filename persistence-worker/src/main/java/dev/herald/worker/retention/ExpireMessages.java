package dev.herald.worker.retention;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Deletes at most {@code limit} of the oldest messages created before the cutoff, with their receipts and marks, in
 * one statement (one transaction): the messages are picked on the primary key, whose UUIDv7 ids are time-ordered, so
 * "older than" is an id range and the oldest come first; receipts and marks go by their {@code message_id} indexes.
 */
final class ExpireMessages implements Function<DSLContext, ExpireMessages.Deleted> {

    /** What one statement deleted, and the highest stream sequence among the messages. */
    record Deleted(int messages, int receipts, int marks, long highestSequence) {}

    private static final String SQL = """
            with doomed as (select id from messages where id < ? order by id limit ?),
            gone_receipts as (delete from receipts where message_id in (select id from doomed) returning 1),
            gone_marks as (delete from message_marks where message_id in (select id from doomed) returning 1),
            gone as (delete from messages where id in (select id from doomed) returning stream_sequence)
            select (select count(*) from gone), (select count(*) from gone_receipts), (select count(*) from gone_marks),
                   (select coalesce(max(stream_sequence), 0) from gone)""";

    private final UUID bound;
    private final int limit;

    ExpireMessages(OffsetDateTime cutoff, int limit) {
        this.bound = firstIdAt(cutoff);
        this.limit = limit;
    }

    /** The lowest UUIDv7 of the cutoff's millisecond: every id below it was made earlier. */
    static UUID firstIdAt(OffsetDateTime cutoff) {
        return new UUID((cutoff.toInstant().toEpochMilli() << 16) | 0x7000L, 0L);
    }

    @Override
    public Deleted apply(DSLContext dsl) {
        Record row = dsl.resultQuery(SQL, bound, limit).fetchSingle();
        return new Deleted(row.get(0, Integer.class), row.get(1, Integer.class), row.get(2, Integer.class),
                row.get(3, Long.class));
    }

    @Override
    public String toString() {
        return "ExpireMessages{limit=" + limit + "}";
    }
}
