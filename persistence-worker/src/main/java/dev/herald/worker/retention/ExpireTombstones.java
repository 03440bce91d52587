package dev.herald.worker.retention;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Deletes at most {@code limit} purge tombstones ({@code purged_messages}) of messages created before the cutoff:
 * the worker drops any message that old by its age already, so their tombstones are no longer needed.
 */
final class ExpireTombstones implements Function<DSLContext, Integer> {

    private static final String SQL = """
            delete from purged_messages where id in (select id from purged_messages where id < ? order by id limit ?)""";

    private final UUID bound;
    private final int limit;

    ExpireTombstones(OffsetDateTime cutoff, int limit) {
        this.bound = ExpireMessages.firstIdAt(cutoff);
        this.limit = limit;
    }

    @Override
    public Integer apply(DSLContext dsl) {
        return dsl.execute(SQL, bound, limit);
    }

    @Override
    public String toString() {
        return "ExpireTombstones{limit=" + limit + "}";
    }
}
