package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;

import dev.herald.message.page.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * One page of a receiver's visible messages (lists), keyset-paged by message id, newest first before a cursor.
 * Served by the partial indexes on receipts (receiver_id, message_id). Sync pages in publish order instead
 * ({@link SelectSyncPage}).
 */
final class SelectInboxPage implements Function<DSLContext, List<InboxRow>> {

    private final String receiverId;
    private final InboxFilter filter;
    private final Optional<UUID> before;
    private final int rows;

    SelectInboxPage(String receiverId, InboxFilter filter, Optional<UUID> before, int rows) {
        this.receiverId = receiverId;
        this.filter = filter;
        this.before = before;
        this.rows = rows;
    }

    @Override
    public List<InboxRow> apply(DSLContext dsl) {
        List<Condition> where = new ArrayList<>();
        where.add(RECEIPTS.RECEIVER_ID.eq(receiverId));
        where.add(RECEIPTS.DELETED_AT.isNull());
        if (filter.unreadOnly()) {
            where.add(RECEIPTS.READ_AT.isNull());
        }
        filter.senderId().ifPresent(sender -> where.add(MESSAGES.SENDER_ID.eq(sender)));
        filter.type().ifPresent(type -> where.add(MESSAGES.TYPE.eq(type)));
        filter.since().ifPresent(since -> where.add(RECEIPTS.MESSAGE_ID.ge(PageRequest.idBound(since))));
        filter.until().ifPresent(until -> where.add(RECEIPTS.MESSAGE_ID.lt(PageRequest.idBound(until))));
        before.ifPresent(c -> where.add(RECEIPTS.MESSAGE_ID.lt(c)));
        return dsl.select(MESSAGES.fields()).select(RECEIPTS.READ_AT)
                .from(RECEIPTS).join(MESSAGES).on(MESSAGES.ID.eq(RECEIPTS.MESSAGE_ID))
                .where(where)
                .orderBy(RECEIPTS.MESSAGE_ID.desc())
                .limit(rows)
                .fetch(r -> new InboxRow(r.into(MESSAGES), r.get(RECEIPTS.READ_AT)));
    }

    @Override
    public String toString() {
        return "SelectInboxPage{receiver=" + receiverId + ", rows=" + rows + "}";
    }
}
