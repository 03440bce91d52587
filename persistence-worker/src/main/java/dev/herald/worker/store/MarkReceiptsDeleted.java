package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.jooq.impl.DSL.any;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code update receipts set deleted_at = :deletedAt where receiver_id = :receiver and message_id
 * = any(:ids) and deleted_at is null}: a receipt deleted before keeps its first delete time.
 */
final class MarkReceiptsDeleted implements Function<DSLContext, Integer> {

    private final String receiverId;
    private final List<UUID> messageIds;
    private final OffsetDateTime deletedAt;

    MarkReceiptsDeleted(String receiverId, List<UUID> messageIds, OffsetDateTime deletedAt) {
        this.receiverId = receiverId;
        this.messageIds = messageIds;
        this.deletedAt = deletedAt;
    }

    /** Returns how many receipts this statement marked deleted. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return dsl.update(RECEIPTS)
                .set(RECEIPTS.DELETED_AT, deletedAt)
                .where(RECEIPTS.RECEIVER_ID.eq(receiverId))
                .and(RECEIPTS.MESSAGE_ID.eq(any(messageIds.toArray(UUID[]::new))))
                .and(RECEIPTS.DELETED_AT.isNull())
                .execute();
    }

    @Override
    public String toString() {
        return "MarkReceiptsDeleted{ids=" + messageIds.size() + "}";
    }
}
