package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.PURGED_MESSAGES;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.excluded;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The ids of purged messages ({@code purged_messages}): written with the purge, in its transaction, and read
 * before a batch's messages are inserted, so that a message an admin purged is never stored again by a
 * redelivered event (one whose first ack was lost before the purge). Each keeps the stream sequence of its
 * message's event, so the event can be deleted from the stream after the purge, and again if the purge comes again.
 */
final class Tombstones {

    private Tombstones() {}

    /**
     * Records {@code messageIds} as purged now, each with its stored message's stream sequence (none when not
     * stored); an id recorded before keeps its first record. Runs before the messages are deleted.
     */
    static int record(DSLContext tx, List<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        Table<?> purged = DSL.unnest(messageIds.toArray(UUID[]::new)).as("purged", "id");
        Field<UUID> id = purged.field("id", UUID.class);
        return tx.insertInto(PURGED_MESSAGES, PURGED_MESSAGES.ID, PURGED_MESSAGES.PURGED_AT,
                        PURGED_MESSAGES.STREAM_SEQUENCE)
                .select(DSL.select(id, DSL.currentOffsetDateTime(), MESSAGES.STREAM_SEQUENCE)
                        .from(purged).leftJoin(MESSAGES).on(MESSAGES.ID.eq(id)))
                .onConflictDoNothing()
                .execute();
    }

    /**
     * Records messages dropped before they were stored (purged already, or sent to a deleted room), each with its
     * event's stream sequence, which a tombstone written before the message was stored lacks: the rows end as when
     * the message was stored first and purged after. Returns how many tombstones it wrote or completed.
     */
    static int recordDropped(DSLContext tx, Map<UUID, Long> eventSequences) {
        if (eventSequences.isEmpty()) {
            return 0;
        }
        List<Map.Entry<UUID, Long>> rows = eventSequences.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .toList();
        Unnest<Map.Entry<UUID, Long>> dropped = new Unnest<>(rows, "dropped")
                .column(PURGED_MESSAGES.ID, Map.Entry::getKey)
                .column(PURGED_MESSAGES.STREAM_SEQUENCE, Map.Entry::getValue);
        return tx.insertInto(PURGED_MESSAGES, PURGED_MESSAGES.ID, PURGED_MESSAGES.PURGED_AT,
                        PURGED_MESSAGES.STREAM_SEQUENCE)
                .select(DSL.select(dropped.field(PURGED_MESSAGES.ID), DSL.currentOffsetDateTime(),
                        dropped.field(PURGED_MESSAGES.STREAM_SEQUENCE)).from(dropped.table()))
                .onConflict(PURGED_MESSAGES.ID)
                .doUpdate()
                .set(PURGED_MESSAGES.STREAM_SEQUENCE, excluded(PURGED_MESSAGES.STREAM_SEQUENCE))
                .where(PURGED_MESSAGES.STREAM_SEQUENCE.isNull())
                .execute();
    }

    /** The stream sequences recorded for {@code messageIds} (purged before this version of the schema: none). */
    static Set<Long> eventSequences(DSLContext tx, List<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(tx.select(PURGED_MESSAGES.STREAM_SEQUENCE).from(PURGED_MESSAGES)
                .where(PURGED_MESSAGES.ID.eq(any(messageIds.toArray(UUID[]::new))),
                        PURGED_MESSAGES.STREAM_SEQUENCE.isNotNull())
                .fetch(PURGED_MESSAGES.STREAM_SEQUENCE));
    }

    /** The ids among {@code messageIds} that were purged. */
    static Set<UUID> among(DSLContext tx, Set<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(tx.select(PURGED_MESSAGES.ID).from(PURGED_MESSAGES)
                .where(PURGED_MESSAGES.ID.eq(any(messageIds.toArray(UUID[]::new))))
                .fetch(PURGED_MESSAGES.ID));
    }
}
