package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.RECEIPTS;

import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * How many visible receipts of a receiver are unread (index-only on receipts_unread_idx), as a field of
 * {@link CountAllUnread}'s one statement.
 */
final class CountUnread {

    private final String receiverId;

    CountUnread(String receiverId) {
        this.receiverId = receiverId;
    }

    Field<Integer> field() {
        return DSL.field(DSL.selectCount().from(RECEIPTS).where(RECEIPTS.RECEIVER_ID.eq(receiverId),
                RECEIPTS.READ_AT.isNull(), RECEIPTS.DELETED_AT.isNull()));
    }

    @Override
    public String toString() {
        return "CountUnread{receiver=" + receiverId + "}";
    }
}
