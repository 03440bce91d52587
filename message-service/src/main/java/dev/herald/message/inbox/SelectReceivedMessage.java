package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** One message the receiver received and still sees (primary key of receipts). */
final class SelectReceivedMessage implements Function<DSLContext, Optional<InboxRow>> {

    private final String receiverId;
    private final UUID messageId;

    SelectReceivedMessage(String receiverId, UUID messageId) {
        this.receiverId = receiverId;
        this.messageId = messageId;
    }

    @Override
    public Optional<InboxRow> apply(DSLContext dsl) {
        return dsl.select(MESSAGES.fields()).select(RECEIPTS.READ_AT)
                .from(RECEIPTS).join(MESSAGES).on(MESSAGES.ID.eq(RECEIPTS.MESSAGE_ID))
                .where(RECEIPTS.RECEIVER_ID.eq(receiverId), RECEIPTS.MESSAGE_ID.eq(messageId),
                        RECEIPTS.DELETED_AT.isNull())
                .fetchOptional(r -> new InboxRow(r.into(MESSAGES), r.get(RECEIPTS.READ_AT)));
    }

    @Override
    public String toString() {
        return "SelectReceivedMessage{receiver=" + receiverId + "}";
    }
}
