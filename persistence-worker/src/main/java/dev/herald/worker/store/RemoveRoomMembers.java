package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static org.jooq.impl.DSL.any;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Users leave a room at the event's sequence {@code S}: their current windows close ({@code left_sequence = S}, no
 * longer owners), and the rows stay, so what they received stays readable. Then the room's rules: when no current
 * member is an owner, the longest-standing one (smallest {@code joined_sequence}, then user id) becomes owner since
 * {@code S}; when no current member is left, the room is deleted. A redelivery closes no window (each was closed at
 * {@code S}, or reopened after it), so it changes nothing.
 */
final class RemoveRoomMembers implements Function<DSLContext, RoomChange> {

    private final UUID roomId;
    private final List<String> userIds;
    private final OffsetDateTime removedAt;
    private final long sequence;

    RemoveRoomMembers(UUID roomId, List<String> userIds, OffsetDateTime removedAt, long sequence) {
        this.roomId = roomId;
        this.userIds = userIds.stream().sorted().toList();
        this.removedAt = removedAt;
        this.sequence = sequence;
    }

    @Override
    public RoomChange apply(DSLContext tx) {
        if (userIds.isEmpty() || !LiveRoom.lock(tx, roomId)) {
            return RoomChange.NONE;
        }
        int left = leave(tx);
        if (left == 0) {
            return RoomChange.NONE;
        }
        tx.update(ROOMS).set(ROOMS.MEMBER_COUNT, ROOMS.MEMBER_COUNT.minus(left)).where(ROOMS.ID.eq(roomId))
                .execute();
        RoomChange change = new RoomChange(left, List.of());
        if (hasOwner(tx)) {
            return change;
        }
        Optional<String> successor = longestStanding(tx);
        if (successor.isEmpty()) {
            return change.and(new DeleteRoom(roomId, removedAt).apply(tx));
        }
        return change.and(new RoomChange(makeOwner(tx, successor.get()), List.of()));
    }

    private int leave(DSLContext tx) {
        return tx.update(ROOM_MEMBERS)
                .set(ROOM_MEMBERS.LEFT_SEQUENCE, sequence)
                .set(ROOM_MEMBERS.LEFT_AT, removedAt)
                .set(ROOM_MEMBERS.OWNER, false)
                .setNull(ROOM_MEMBERS.OWNER_SINCE)
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.USER_ID.eq(any(userIds.toArray(String[]::new))),
                        ROOM_MEMBERS.LEFT_SEQUENCE.isNull(), ROOM_MEMBERS.JOINED_SEQUENCE.lt(sequence))
                .execute();
    }

    private boolean hasOwner(DSLContext tx) {
        return tx.fetchExists(ROOM_MEMBERS, ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.LEFT_SEQUENCE.isNull(),
                ROOM_MEMBERS.OWNER.isTrue());
    }

    private Optional<String> longestStanding(DSLContext tx) {
        return tx.select(ROOM_MEMBERS.USER_ID).from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.LEFT_SEQUENCE.isNull())
                .orderBy(ROOM_MEMBERS.JOINED_SEQUENCE, ROOM_MEMBERS.USER_ID.collate("C"))
                .limit(1)
                .fetchOptional(ROOM_MEMBERS.USER_ID);
    }

    private int makeOwner(DSLContext tx, String userId) {
        return tx.update(ROOM_MEMBERS)
                .set(ROOM_MEMBERS.OWNER, true)
                .set(ROOM_MEMBERS.OWNER_SINCE, sequence)
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.USER_ID.eq(userId))
                .execute();
    }

    @Override
    public String toString() {
        return "RemoveRoomMembers{roomId=" + roomId + ", users=" + userIds.size() + "}";
    }
}
