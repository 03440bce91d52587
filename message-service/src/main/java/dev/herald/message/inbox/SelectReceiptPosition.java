package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.RECEIPTS;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Where the receiver's receipt of a message stands in its sync (deleted or not: a client may hold the id of a message
 * it deleted since); empty when the receiver did not receive it. Resolves a sync {@code after} given as a message id.
 */
final class SelectReceiptPosition implements Function<DSLContext, Optional<SyncCursor>> {

    private final String receiverId;
    private final UUID messageId;

    SelectReceiptPosition(String receiverId, UUID messageId) {
        this.receiverId = receiverId;
        this.messageId = messageId;
    }

    @Override
    public Optional<SyncCursor> apply(DSLContext dsl) {
        return dsl.select(SyncPosition.SEQUENCE).from(RECEIPTS)
                .where(RECEIPTS.RECEIVER_ID.eq(receiverId), RECEIPTS.MESSAGE_ID.eq(messageId))
                .fetchOptional(SyncPosition.SEQUENCE)
                .map(sequence -> new SyncCursor(sequence, messageId));
    }

    @Override
    public String toString() {
        return "SelectReceiptPosition{receiver=" + receiverId + "}";
    }
}
