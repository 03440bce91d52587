package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static org.jooq.impl.DSL.any;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code update messages set sender_deleted_at = :deletedAt where sender_id = :sender and id =
 * any(:ids) and sender_deleted_at is null}: only the sender's own messages, and a message deleted
 * before keeps its first delete time.
 */
final class MarkSentDeleted implements Function<DSLContext, Integer> {

    private final String senderId;
    private final List<UUID> messageIds;
    private final OffsetDateTime deletedAt;

    MarkSentDeleted(String senderId, List<UUID> messageIds, OffsetDateTime deletedAt) {
        this.senderId = senderId;
        this.messageIds = messageIds;
        this.deletedAt = deletedAt;
    }

    /** Returns how many messages this statement marked deleted by their sender. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return dsl.update(MESSAGES)
                .set(MESSAGES.SENDER_DELETED_AT, deletedAt)
                .where(MESSAGES.SENDER_ID.eq(senderId))
                .and(MESSAGES.ID.eq(any(messageIds.toArray(UUID[]::new))))
                .and(MESSAGES.SENDER_DELETED_AT.isNull())
                .execute();
    }

    @Override
    public String toString() {
        return "MarkSentDeleted{ids=" + messageIds.size() + "}";
    }
}
