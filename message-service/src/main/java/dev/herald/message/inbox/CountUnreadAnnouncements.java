package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;

import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The announcements a user has not read (made after the user first appeared, neither recalled nor deleted by the
 * user), capped at 999: a range scan of {@code messages_announcement_idx} stopped after 1,000 rows. A field of
 * {@link CountAllUnread}'s one statement.
 */
final class CountUnreadAnnouncements {

    private final String userId;

    CountUnreadAnnouncements(String userId) {
        this.userId = userId;
    }

    Field<Integer> field() {
        Field<Integer> found = DSL.field(DSL.selectCount().from(DSL.selectOne().from(MESSAGES).leftJoin(MESSAGE_MARKS)
                .on(MESSAGE_MARKS.MESSAGE_ID.eq(MESSAGES.ID), MESSAGE_MARKS.USER_ID.eq(userId))
                .where(DSL.condition(MESSAGES.ANNOUNCEMENT),
                        MESSAGES.STREAM_SEQUENCE.gt(new SharedView(userId).firstSequence()),
                        MESSAGES.RECALLED_AT.isNull(),
                        MESSAGES.SENDER_ID.ne(userId),
                        MESSAGE_MARKS.READ_AT.isNull(),
                        MESSAGE_MARKS.DELETED_AT.isNull())
                .limit(CountRoomsUnread.SCANNED).asTable("announcements")));
        return DSL.least(found, DSL.inline(CountRoomsUnread.SHOWN));
    }

    @Override
    public String toString() {
        return "CountUnreadAnnouncements{user=" + userId + "}";
    }
}
