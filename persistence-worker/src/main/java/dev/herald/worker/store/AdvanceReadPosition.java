package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code update room_members set read_sequence = m.stream_sequence from messages m where ...}: the read position of
 * a user who was a member when the read was made (at the event's sequence {@code S}: joined before it, not left by
 * then) moves up to a message of that room, never back. Membership is judged at {@code S}, not now, so a leave
 * applied first (another worker) does not undo the read. A message of another room, a message purged or a user who
 * was not a member at {@code S} changes nothing; so does a redelivery. A message not stored yet is left to
 * {@link PendingMarks}.
 */
final class AdvanceReadPosition implements Function<DSLContext, Integer> {

    private final UUID roomId;
    private final String userId;
    private final UUID messageId;
    private final long sequence;

    AdvanceReadPosition(UUID roomId, String userId, UUID messageId, long sequence) {
        this.roomId = roomId;
        this.userId = userId;
        this.messageId = messageId;
        this.sequence = sequence;
    }

    /** Returns how many members it changed: 0 or 1. */
    @Override
    public Integer apply(DSLContext tx) {
        return tx.update(ROOM_MEMBERS)
                .set(ROOM_MEMBERS.READ_SEQUENCE, MESSAGES.STREAM_SEQUENCE)
                .from(MESSAGES)
                .where(MESSAGES.ID.eq(messageId), MESSAGES.ROOM_ID.eq(roomId),
                        ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.USER_ID.eq(userId),
                        ROOM_MEMBERS.JOINED_SEQUENCE.lt(sequence),
                        ROOM_MEMBERS.LEFT_SEQUENCE.isNull().or(ROOM_MEMBERS.LEFT_SEQUENCE.gt(sequence)),
                        ROOM_MEMBERS.READ_SEQUENCE.lt(MESSAGES.STREAM_SEQUENCE))
                .execute();
    }

    @Override
    public String toString() {
        return "AdvanceReadPosition{roomId=" + roomId + "}";
    }
}
