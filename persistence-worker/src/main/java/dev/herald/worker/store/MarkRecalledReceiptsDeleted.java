package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.select;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code update receipts set deleted_at = :recalledAt where message_id in (select id from messages
 * where sender_id = :sender and id = any(:ids)) and deleted_at is null}: every receiver's receipt of
 * a recalled message is deleted, but only for messages of that sender, so an event naming someone
 * else's message changes nothing. A receipt deleted before keeps its first delete time.
 */
final class MarkRecalledReceiptsDeleted implements Function<DSLContext, Integer> {

    private final String senderId;
    private final List<UUID> messageIds;
    private final OffsetDateTime recalledAt;

    MarkRecalledReceiptsDeleted(String senderId, List<UUID> messageIds, OffsetDateTime recalledAt) {
        this.senderId = senderId;
        this.messageIds = messageIds;
        this.recalledAt = recalledAt;
    }

    /** Returns how many receipts this statement marked deleted. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return dsl.update(RECEIPTS)
                .set(RECEIPTS.DELETED_AT, recalledAt)
                .where(RECEIPTS.MESSAGE_ID.in(select(MESSAGES.ID).from(MESSAGES)
                        .where(MESSAGES.SENDER_ID.eq(senderId))
                        .and(MESSAGES.ID.eq(any(messageIds.toArray(UUID[]::new))))))
                .and(RECEIPTS.DELETED_AT.isNull())
                .execute();
    }

    @Override
    public String toString() {
        return "MarkRecalledReceiptsDeleted{ids=" + messageIds.size() + "}";
    }
}
