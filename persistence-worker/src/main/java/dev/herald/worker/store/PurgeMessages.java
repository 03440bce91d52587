package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static org.jooq.impl.DSL.any;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** {@code delete from messages where id = any(:ids)}, after {@link PurgeReceipts} deleted their receipts. */
final class PurgeMessages implements Function<DSLContext, Integer> {

    private final List<UUID> messageIds;

    PurgeMessages(List<UUID> messageIds) {
        this.messageIds = messageIds;
    }

    /** Returns how many messages this statement deleted. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return dsl.deleteFrom(MESSAGES)
                .where(MESSAGES.ID.eq(any(messageIds.toArray(UUID[]::new))))
                .execute();
    }

    @Override
    public String toString() {
        return "PurgeMessages{ids=" + messageIds.size() + "}";
    }
}
