package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import dev.herald.schema.generated.tables.MessageMarks;
import java.math.BigDecimal;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The unread room messages of a user over the rooms the user is a member of now, each room's count capped at 999:
 * per room, a range scan of {@code messages_room_idx} after the member's read position (or join), stopped after
 * 1,000 rows. Messages the user sent, recalled or deleted do not count. A field of {@link CountAllUnread}'s one
 * statement.
 */
final class CountRoomsUnread {

    /** The most unread a room (or the announcements) counts, shown as 999+. */
    static final int SHOWN = 999;
    /** Rows a count scans at most: one more than shown, so that 1,000 found tells the count is capped. */
    static final int SCANNED = SHOWN + 1;

    private final String userId;

    CountRoomsUnread(String userId) {
        this.userId = userId;
    }

    Field<BigDecimal> field() {
        MessageMarks deleted = MESSAGE_MARKS.as("deleted_mark");
        Table<?> unread = DSL.select(DSL.inline(1).as("one")).from(MESSAGES)
                .where(MESSAGES.ROOM_ID.eq(ROOM_MEMBERS.ROOM_ID),
                        MESSAGES.STREAM_SEQUENCE.gt(DSL.greatest(ROOM_MEMBERS.READ_SEQUENCE,
                                ROOM_MEMBERS.JOINED_SEQUENCE)),
                        MESSAGES.RECALLED_AT.isNull(),
                        MESSAGES.SENDER_ID.ne(userId),
                        DSL.notExists(DSL.selectOne().from(deleted).where(deleted.USER_ID.eq(userId),
                                deleted.MESSAGE_ID.eq(MESSAGES.ID), deleted.DELETED_AT.isNotNull())))
                .limit(SCANNED)
                .asTable("unread");
        Field<Integer> perRoom = DSL.field(DSL.select(DSL.count()).from(unread));
        Field<Integer> capped = DSL.least(perRoom, DSL.inline(SHOWN));
        return DSL.field(DSL.select(DSL.coalesce(DSL.sum(capped), DSL.inline(BigDecimal.ZERO)))
                .from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.USER_ID.eq(userId), ROOM_MEMBERS.LEFT_SEQUENCE.isNull()));
    }

    @Override
    public String toString() {
        return "CountRoomsUnread{user=" + userId + "}";
    }
}
