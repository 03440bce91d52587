package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.jooq.impl.DSL.any;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code update receipts set read_at = :readAt where receiver_id = :receiver and message_id =
 * any(:ids) and read_at is null}: a receipt read before keeps its first read time.
 */
final class MarkReceiptsRead implements Function<DSLContext, Integer> {

    private final String receiverId;
    private final List<UUID> messageIds;
    private final OffsetDateTime readAt;

    MarkReceiptsRead(String receiverId, List<UUID> messageIds, OffsetDateTime readAt) {
        this.receiverId = receiverId;
        this.messageIds = messageIds;
        this.readAt = readAt;
    }

    /** Returns how many receipts this statement marked read. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return dsl.update(RECEIPTS)
                .set(RECEIPTS.READ_AT, readAt)
                .where(RECEIPTS.RECEIVER_ID.eq(receiverId))
                .and(RECEIPTS.MESSAGE_ID.eq(any(messageIds.toArray(UUID[]::new))))
                .and(RECEIPTS.READ_AT.isNull())
                .execute();
    }

    @Override
    public String toString() {
        return "MarkReceiptsRead{ids=" + messageIds.size() + "}";
    }
}
