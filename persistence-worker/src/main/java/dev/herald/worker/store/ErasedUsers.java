package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.ERASED_USERS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.greatest;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The tombstones of erased users ({@code erased_users}): written with the erasure, in its transaction, and read before
 * every batch is written, so that an event of an erased user that comes back (a redelivery, a stream replay, a publish
 * retried past the duplicate window, a republished dead letter) is not stored again.
 */
final class ErasedUsers {

    /** A user's erasure: its time and the stream sequence of its event. */
    record Tombstone(OffsetDateTime erasedAt, long streamSequence) {

        /**
         * Whether an event of the user at {@code sequence}, stamped {@code stampedAt} (null: no time of its own), was
         * made before the erasure: earlier in the stream, or stamped earlier (a copy of an old event published again
         * gets a new sequence but keeps its time).
         */
        boolean covers(long sequence, @Nullable OffsetDateTime stampedAt) {
            return sequence < streamSequence || (stampedAt != null && stampedAt.isBefore(erasedAt));
        }
    }

    private ErasedUsers() {}

    /** The tombstones of those among {@code userIds} who were erased (primary-key look-ups). */
    static Map<String, Tombstone> among(DSLContext tx, Set<String> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return tx.select(ERASED_USERS.USER_ID, ERASED_USERS.ERASED_AT, ERASED_USERS.STREAM_SEQUENCE)
                .from(ERASED_USERS)
                .where(ERASED_USERS.USER_ID.eq(any(userIds.toArray(String[]::new))))
                .fetchMap(ERASED_USERS.USER_ID, r -> new Tombstone(r.value2(), r.value3()));
    }

    /** Records the erasure; a user erased again keeps the later time and sequence of both. */
    static int record(DSLContext tx, String userId, OffsetDateTime erasedAt, long streamSequence) {
        return tx.insertInto(ERASED_USERS, ERASED_USERS.USER_ID, ERASED_USERS.ERASED_AT, ERASED_USERS.STREAM_SEQUENCE)
                .values(userId, erasedAt, streamSequence)
                .onConflict(ERASED_USERS.USER_ID)
                .doUpdate()
                .set(ERASED_USERS.ERASED_AT, greatest(ERASED_USERS.ERASED_AT, excluded(ERASED_USERS.ERASED_AT)))
                .set(ERASED_USERS.STREAM_SEQUENCE,
                        greatest(ERASED_USERS.STREAM_SEQUENCE, excluded(ERASED_USERS.STREAM_SEQUENCE)))
                .execute();
    }
}
