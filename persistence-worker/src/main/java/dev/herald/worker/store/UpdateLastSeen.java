package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.USERS;

import dev.herald.worker.store.RowBatch.LastSeenRow;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code update users set last_seen_at = s.at from unnest(...) s where users.id = s.id and last_seen_at < s.at}: a
 * later time wins, so redeliveries and any order converge. A user without a row yet (its UserSeen, published before,
 * is in another worker's batch) gets a pending time instead ({@link PendingLastSeen}), which the batch storing the
 * user applies.
 */
final class UpdateLastSeen implements Function<DSLContext, Integer> {

    private final List<LastSeenRow> rows;

    UpdateLastSeen(List<LastSeenRow> rows) {
        this.rows = rows;
    }

    /** Returns how many users this statement changed. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (rows.isEmpty()) {
            return 0;
        }
        Unnest<LastSeenRow> source = new Unnest<>(rows, "s")
                .column(USERS.ID, LastSeenRow::userId)
                .column(USERS.LAST_SEEN_AT, LastSeenRow::lastSeenAt);
        return dsl.update(USERS)
                .set(USERS.LAST_SEEN_AT, source.field(USERS.LAST_SEEN_AT))
                .from(source.table())
                .where(USERS.ID.eq(source.field(USERS.ID)))
                .and(USERS.LAST_SEEN_AT.isNull().or(USERS.LAST_SEEN_AT.lt(source.field(USERS.LAST_SEEN_AT))))
                .execute();
    }

    @Override
    public String toString() {
        return "UpdateLastSeen{rows=" + rows.size() + "}";
    }
}
