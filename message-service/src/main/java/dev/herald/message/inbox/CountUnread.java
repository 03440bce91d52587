package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.RECEIPTS;

import java.util.function.Function;
import org.jooq.DSLContext;

/** How many visible receipts of a receiver are unread (index-only on receipts_unread_idx). */
final class CountUnread implements Function<DSLContext, Long> {

    private final String receiverId;

    CountUnread(String receiverId) {
        this.receiverId = receiverId;
    }

    @Override
    public Long apply(DSLContext dsl) {
        return (long) dsl.fetchCount(RECEIPTS, RECEIPTS.RECEIVER_ID.eq(receiverId),
                RECEIPTS.READ_AT.isNull(), RECEIPTS.DELETED_AT.isNull());
    }

    @Override
    public String toString() {
        return "CountUnread{receiver=" + receiverId + "}";
    }
}
