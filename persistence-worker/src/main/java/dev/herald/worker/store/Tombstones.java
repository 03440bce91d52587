package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.PURGED_MESSAGES;
import static org.jooq.impl.DSL.any;

import dev.herald.schema.generated.tables.records.PurgedMessagesRecord;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep2;
import org.jooq.impl.DSL;

/**
 * The ids of purged messages ({@code purged_messages}): written with the purge, in its transaction, and read
 * before a batch's messages are inserted, so that a message an admin purged is never stored again by a
 * redelivered event (one whose first ack was lost before the purge).
 */
final class Tombstones {

    private Tombstones() {}

    /** Records {@code messageIds} as purged now (an id recorded before keeps its first time). */
    static int record(DSLContext tx, List<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        InsertValuesStep2<PurgedMessagesRecord, UUID, OffsetDateTime> insert =
                tx.insertInto(PURGED_MESSAGES, PURGED_MESSAGES.ID, PURGED_MESSAGES.PURGED_AT);
        for (UUID id : messageIds) {
            insert = insert.values(DSL.val(id), DSL.currentOffsetDateTime());
        }
        return insert.onConflictDoNothing().execute();
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
