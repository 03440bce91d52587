package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * A member's unread messages in a room: the visible messages after the read position that others sent. Counted
 * by a range scan of messages_room_idx that stops after {@link UnreadCount#CAP} + 1 rows, so a room with a long
 * unread history costs the same as one with a thousand.
 */
final class CountRoomUnread implements Function<DSLContext, UnreadCount> {

    private final Membership member;
    private final long readSequence;

    /** @param readSequence the read position to count from (at least the member's stored one) */
    CountRoomUnread(Membership member, long readSequence) {
        this.member = member;
        this.readSequence = readSequence;
    }

    @Override
    public UnreadCount apply(DSLContext dsl) {
        return UnreadCount.of(query(dsl).fetchSingle().value1());
    }

    /** The count, as run (tests read its plan). */
    Select<Record1<Integer>> query(DSLContext dsl) {
        var unread = dsl.selectOne().from(MESSAGES)
                .where(VisibleRoomMessages.of(member),
                        MESSAGES.STREAM_SEQUENCE.gt(Math.max(readSequence, member.joinedSequence())),
                        MESSAGES.SENDER_ID.ne(member.userId()))
                .limit(UnreadCount.CAP + 1)
                .asTable("unread");
        return dsl.select(DSL.count()).from(unread);
    }

    @Override
    public String toString() {
        return "CountRoomUnread{roomId=" + member.roomId() + ", userId=" + member.userId() + "}";
    }
}
