package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code update room_members set read_sequence = m.stream_sequence from messages m where ...}: a current member's
 * read position moves up to a message of that room, never back. A message of another room, a message not stored
 * (or purged) or a user who is not a current member changes nothing; so does a redelivery.
 */
final class AdvanceReadPosition implements Function<DSLContext, Integer> {

    private final UUID roomId;
    private final String userId;
    private final UUID messageId;

    AdvanceReadPosition(UUID roomId, String userId, UUID messageId) {
        this.roomId = roomId;
        this.userId = userId;
        this.messageId = messageId;
    }

    /** Returns how many members it changed: 0 or 1. */
    @Override
    public Integer apply(DSLContext tx) {
        return tx.update(ROOM_MEMBERS)
                .set(ROOM_MEMBERS.READ_SEQUENCE, MESSAGES.STREAM_SEQUENCE)
                .from(MESSAGES)
                .where(MESSAGES.ID.eq(messageId), MESSAGES.ROOM_ID.eq(roomId),
                        ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.USER_ID.eq(userId),
                        ROOM_MEMBERS.LEFT_SEQUENCE.isNull(), ROOM_MEMBERS.READ_SEQUENCE.lt(MESSAGES.STREAM_SEQUENCE))
                .execute();
    }

    @Override
    public String toString() {
        return "AdvanceReadPosition{roomId=" + roomId + "}";
    }
}
