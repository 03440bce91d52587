package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.jooq.impl.DSL.any;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code delete from receipts where message_id = any(:ids)}: the receipts of purged messages.
 * There is no foreign key to cascade, so {@link PurgeMessages} is always preceded by this.
 */
final class PurgeReceipts implements Function<DSLContext, Integer> {

    private final List<UUID> messageIds;

    PurgeReceipts(List<UUID> messageIds) {
        this.messageIds = messageIds;
    }

    /** Returns how many receipts this statement deleted. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return dsl.deleteFrom(RECEIPTS)
                .where(RECEIPTS.MESSAGE_ID.eq(any(messageIds.toArray(UUID[]::new))))
                .execute();
    }

    @Override
    public String toString() {
        return "PurgeReceipts{ids=" + messageIds.size() + "}";
    }
}
