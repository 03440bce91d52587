package dev.herald.message.room;

import dev.herald.schema.generated.tables.records.RoomMembersRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's membership of a room as the persistence-worker stores it. The member sees the room's messages with a
 * stream sequence above {@code joinedSequence} and, once left, below {@code leftSequence}.
 *
 * @param leftSequence empty while a current member
 * @param readSequence messages at or below it are read
 */
public record Membership(UUID roomId, String userId, boolean owner, Instant joinedAt, long joinedSequence,
        Optional<Long> leftSequence, long readSequence) {

    static Membership of(RoomMembersRecord row) {
        return new Membership(row.getRoomId(), row.getUserId(), row.getOwner(), row.getJoinedAt().toInstant(),
                row.getJoinedSequence(), Optional.ofNullable(row.getLeftSequence()), row.getReadSequence());
    }

    public boolean current() {
        return leftSequence.isEmpty();
    }

    /** Where unread messages start: after the read position, never before joining. */
    long unreadAfter() {
        return Math.max(readSequence, joinedSequence);
    }
}
