package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * The caller's visible receipts among the given message ids, with each message's sender: the
 * ownership check of every receiver operation (ids not returned are not the caller's).
 */
final class SelectOwnReceipts implements Function<DSLContext, List<OwnReceipt>> {

    private final String receiverId;
    private final Collection<UUID> messageIds;

    SelectOwnReceipts(String receiverId, Collection<UUID> messageIds) {
        this.receiverId = receiverId;
        this.messageIds = messageIds;
    }

    @Override
    public List<OwnReceipt> apply(DSLContext dsl) {
        return dsl.select(RECEIPTS.MESSAGE_ID, MESSAGES.SENDER_ID, RECEIPTS.READ_AT)
                .from(RECEIPTS).join(MESSAGES).on(MESSAGES.ID.eq(RECEIPTS.MESSAGE_ID))
                .where(RECEIPTS.RECEIVER_ID.eq(receiverId), RECEIPTS.MESSAGE_ID.in(messageIds),
                        RECEIPTS.DELETED_AT.isNull())
                .fetch(r -> new OwnReceipt(r.value1(), r.value2(), r.value3() != null));
    }

    @Override
    public String toString() {
        return "SelectOwnReceipts{receiver=" + receiverId + ", " + messageIds.size() + " ids}";
    }
}
