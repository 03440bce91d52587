package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.PENDING_LAST_SEEN;
import static dev.herald.schema.generated.Tables.USERS;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import dev.herald.worker.store.RowBatch.LastSeenRow;
import java.util.Comparator;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Last-seen times of users not stored yet ({@code pending_last_seen}). A user's UserSeen comes before its
 * UserLastSeen in the stream, but with several workers the latter can commit first; its time then waits here
 * ({@link #record}) until the batch that stores the user takes it ({@link #takeStored}). Two such transactions at the
 * same moment do not see each other's rows; a time left then is taken by the next batch that stores a user.
 */
final class PendingLastSeen {

    private PendingLastSeen() {}

    /** {@code insert into pending_last_seen select ... where <no users row> on conflict do update greatest}. */
    static void record(DSLContext tx, List<LastSeenRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Unnest<LastSeenRow> source = new Unnest<>(rows, "s")
                .column(PENDING_LAST_SEEN.USER_ID, LastSeenRow::userId)
                .column(PENDING_LAST_SEEN.LAST_SEEN_AT, LastSeenRow::lastSeenAt);
        tx.insertInto(PENDING_LAST_SEEN, PENDING_LAST_SEEN.USER_ID, PENDING_LAST_SEEN.LAST_SEEN_AT)
                .select(select(source.field(PENDING_LAST_SEEN.USER_ID),
                                source.field(PENDING_LAST_SEEN.LAST_SEEN_AT))
                        .from(source.table())
                        .where(notExists(selectOne().from(USERS)
                                .where(USERS.ID.eq(source.field(PENDING_LAST_SEEN.USER_ID))))))
                .onConflict(PENDING_LAST_SEEN.USER_ID)
                .doUpdate()
                .set(PENDING_LAST_SEEN.LAST_SEEN_AT,
                        greatest(PENDING_LAST_SEEN.LAST_SEEN_AT, excluded(PENDING_LAST_SEEN.LAST_SEEN_AT)))
                .execute();
    }

    /**
     * {@code delete from pending_last_seen using users ... returning *}: the times of users stored now, to apply
     * with {@link UpdateLastSeen}. One statement, so a time committed meanwhile is taken here or left for later.
     */
    static List<LastSeenRow> takeStored(DSLContext tx) {
        return tx.deleteFrom(PENDING_LAST_SEEN).using(USERS)
                .where(USERS.ID.eq(PENDING_LAST_SEEN.USER_ID))
                .returning(PENDING_LAST_SEEN.USER_ID, PENDING_LAST_SEEN.LAST_SEEN_AT)
                .fetch(r -> new LastSeenRow(r.get(PENDING_LAST_SEEN.USER_ID), r.get(PENDING_LAST_SEEN.LAST_SEEN_AT)))
                .stream()
                .sorted(Comparator.comparing(LastSeenRow::userId))
                .toList();
    }
}
