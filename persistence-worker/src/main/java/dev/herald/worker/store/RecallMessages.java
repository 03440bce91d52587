package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static org.jooq.impl.DSL.any;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code update messages set recalled_at = :recalledAt where sender_id = :sender and id =
 * any(:ids) and recalled_at is null}: only the sender's own messages, and a message recalled
 * before keeps its first recall time. {@link MarkRecalledReceiptsDeleted} hides them from receivers.
 */
final class RecallMessages implements Function<DSLContext, Integer> {

    private final String senderId;
    private final List<UUID> messageIds;
    private final OffsetDateTime recalledAt;

    RecallMessages(String senderId, List<UUID> messageIds, OffsetDateTime recalledAt) {
        this.senderId = senderId;
        this.messageIds = messageIds;
        this.recalledAt = recalledAt;
    }

    /** Returns how many messages this statement marked recalled. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return dsl.update(MESSAGES)
                .set(MESSAGES.RECALLED_AT, recalledAt)
                .where(MESSAGES.SENDER_ID.eq(senderId))
                .and(MESSAGES.ID.eq(any(messageIds.toArray(UUID[]::new))))
                .and(MESSAGES.RECALLED_AT.isNull())
                .execute();
    }

    @Override
    public String toString() {
        return "RecallMessages{ids=" + messageIds.size() + "}";
    }
}
