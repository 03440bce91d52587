package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One page of the announcements a user sees (made after the user first appeared), in publish order after a cursor:
 * a range scan of {@code messages_announcement_idx}. At or below the persistence ack floor, as {@link SelectSyncPage}.
 */
final class SelectAnnouncementSyncPage implements Function<DSLContext, List<SelectSyncPage.SyncRow>> {

    private final String userId;
    private final Optional<SyncCursor> after;
    private final long storedFloor;
    private final int rows;

    SelectAnnouncementSyncPage(String userId, Optional<SyncCursor> after, long storedFloor, int rows) {
        this.userId = userId;
        this.after = after;
        this.storedFloor = storedFloor;
        this.rows = rows;
    }

    @Override
    public List<SelectSyncPage.SyncRow> apply(DSLContext dsl) {
        List<Condition> where = new ArrayList<>();
        where.add(DSL.condition(MESSAGES.ANNOUNCEMENT));
        where.add(MESSAGES.STREAM_SEQUENCE.gt(new SharedView(userId).firstSequence()));
        where.add(MESSAGES.STREAM_SEQUENCE.le(storedFloor));
        after.ifPresent(c -> where.add(DSL.row(MESSAGES.STREAM_SEQUENCE, MESSAGES.ID)
                .gt(c.streamSequence(), c.messageId())));
        where.add(MESSAGES.RECALLED_AT.isNull());
        where.add(MESSAGES.SENDER_ID.ne(userId));
        where.add(MESSAGE_MARKS.DELETED_AT.isNull());
        return dsl.select(MESSAGES.fields()).select(MESSAGE_MARKS.READ_AT)
                .from(MESSAGES).leftJoin(MESSAGE_MARKS)
                .on(MESSAGE_MARKS.MESSAGE_ID.eq(MESSAGES.ID), MESSAGE_MARKS.USER_ID.eq(userId))
                .where(where)
                .orderBy(MESSAGES.STREAM_SEQUENCE, MESSAGES.ID)
                .limit(rows)
                .fetch(r -> new SelectSyncPage.SyncRow(new InboxRow(r.into(MESSAGES), r.get(MESSAGE_MARKS.READ_AT)),
                        new SyncCursor(r.get(MESSAGES.STREAM_SEQUENCE), r.get(MESSAGES.ID))));
    }

    @Override
    public String toString() {
        return "SelectAnnouncementSyncPage{user=" + userId + ", storedFloor=" + storedFloor + ", rows=" + rows + "}";
    }
}
