package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;

import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The room messages a member sees: inside the membership window (after joining, before leaving), not recalled,
 * not deleted by the member for themselves. Bounded by the room and sequences, so every query using it is a range
 * scan of {@code messages_room_idx}, never a scan of the room's history or of other rooms.
 */
final class VisibleRoomMessages {

    private VisibleRoomMessages() {}

    static Condition of(Membership member) {
        Condition window = MESSAGES.ROOM_ID.eq(member.roomId())
                .and(MESSAGES.STREAM_SEQUENCE.gt(member.joinedSequence()));
        if (member.leftSequence().isPresent()) {
            window = window.and(MESSAGES.STREAM_SEQUENCE.lt(member.leftSequence().get()));
        }
        return window.and(MESSAGES.RECALLED_AT.isNull()).andNotExists(DSL.selectOne().from(MESSAGE_MARKS)
                .where(MESSAGE_MARKS.USER_ID.eq(member.userId()), MESSAGE_MARKS.MESSAGE_ID.eq(MESSAGES.ID),
                        MESSAGE_MARKS.DELETED_AT.isNotNull()));
    }
}
