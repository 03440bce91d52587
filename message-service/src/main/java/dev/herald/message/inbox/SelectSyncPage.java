package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One page of a receiver's visible messages in publish order, after a cursor: keyset-paged by (sequence, message id)
 * on {@code receipts_sync_idx}. Only receipts at or below the persistence ack floor: every event up to it is
 * committed, so no message can later appear before a position already returned, however batches commit.
 */
final class SelectSyncPage implements Function<DSLContext, List<SelectSyncPage.SyncRow>> {

    /** A received message and where it stands in the receiver's sync. */
    record SyncRow(InboxRow row, SyncCursor cursor) {}

    private final String receiverId;
    private final Optional<SyncCursor> after;
    private final long storedFloor;
    private final int rows;

    SelectSyncPage(String receiverId, Optional<SyncCursor> after, long storedFloor, int rows) {
        this.receiverId = receiverId;
        this.after = after;
        this.storedFloor = storedFloor;
        this.rows = rows;
    }

    @Override
    public List<SyncRow> apply(DSLContext dsl) {
        List<Condition> where = new ArrayList<>();
        where.add(RECEIPTS.RECEIVER_ID.eq(receiverId));
        where.add(RECEIPTS.DELETED_AT.isNull());
        where.add(SyncPosition.SEQUENCE.le(storedFloor));
        after.ifPresent(c -> where.add(DSL.row(SyncPosition.SEQUENCE, RECEIPTS.MESSAGE_ID)
                .gt(c.streamSequence(), c.messageId())));
        return dsl.select(MESSAGES.fields()).select(RECEIPTS.READ_AT, SyncPosition.SEQUENCE)
                .from(RECEIPTS).join(MESSAGES).on(MESSAGES.ID.eq(RECEIPTS.MESSAGE_ID))
                .where(where)
                .orderBy(SyncPosition.SEQUENCE.asc(), RECEIPTS.MESSAGE_ID.asc())
                .limit(rows)
                .fetch(r -> new SyncRow(new InboxRow(r.into(MESSAGES), r.get(RECEIPTS.READ_AT)),
                        new SyncCursor(r.get(SyncPosition.SEQUENCE), r.get(MESSAGES.ID))));
    }

    @Override
    public String toString() {
        return "SelectSyncPage{receiver=" + receiverId + ", storedFloor=" + storedFloor + ", rows=" + rows + "}";
    }
}
