package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static dev.herald.schema.generated.Tables.PENDING_LAST_SEEN;
import static dev.herald.schema.generated.Tables.PENDING_MARKS;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static dev.herald.schema.generated.Tables.USERS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Erases a user at the erasure event's sequence {@code S}, in this order:
 *
 * <ol>
 *   <li>the tombstone ({@link ErasedUsers}), so that no older event of theirs is stored again;
 *   <li>they leave every room they are a current member of under the room rules ({@link RemoveRoomMembers}: the
 *       longest-standing member becomes owner, a room left empty is deleted with its messages), then every
 *       membership row of theirs goes, and rooms they created no longer name them ({@code creator_id = ''});
 *   <li>the messages they sent are purged as an admin purge does (tombstones in {@code purged_messages} with their
 *       events' sequences, which the caller deletes from the stream; the receipts and marks of others on them;
 *       the rows): a receiver loses them too, since the body is the sender's data;
 *   <li>their own receipts and marks, then their directory entry.
 * </ol>
 *
 * Only what was stored before {@code S} is touched: an event after the erasure in the same batch (the user signing in
 * again) is a new user's. Erasing again finds nothing left and changes only the tombstone.
 */
final class EraseUser implements Function<DSLContext, RoomChange> {

    private final String userId;
    private final OffsetDateTime erasedAt;
    private final long sequence;

    EraseUser(String userId, OffsetDateTime erasedAt, long sequence) {
        this.userId = userId;
        this.erasedAt = erasedAt;
        this.sequence = sequence;
    }

    @Override
    public RoomChange apply(DSLContext tx) {
        ErasedUsers.record(tx, userId, erasedAt, sequence);
        RoomChange change = leaveRooms(tx);
        List<UUID> sent = tx.select(MESSAGES.ID).from(MESSAGES)
                .where(MESSAGES.SENDER_ID.eq(userId), MESSAGES.STREAM_SEQUENCE.lt(sequence))
                .orderBy(MESSAGES.ID)
                .fetch(MESSAGES.ID);
        int rows = 0;
        if (!sent.isEmpty()) {
            Tombstones.record(tx, sent);
            rows += Purge.receiptsOf(sent).apply(tx) + Purge.marksOf(sent).apply(tx)
                    + Purge.pendingMarksOf(sent).apply(tx) + Purge.messages(sent).apply(tx);
        }
        // What waits for rows not stored yet (several workers, docs/architecture.md) is the user's data too.
        rows += tx.deleteFrom(PENDING_MARKS).where(PENDING_MARKS.USER_ID.eq(userId),
                PENDING_MARKS.STREAM_SEQUENCE.lt(sequence)).execute();
        rows += tx.deleteFrom(PENDING_LAST_SEEN).where(PENDING_LAST_SEEN.USER_ID.eq(userId)).execute();
        rows += tx.deleteFrom(RECEIPTS).where(RECEIPTS.RECEIVER_ID.eq(userId),
                coalesce(RECEIPTS.STREAM_SEQUENCE, inline(0L)).lt(sequence)).execute();
        rows += tx.deleteFrom(MESSAGE_MARKS).where(MESSAGE_MARKS.USER_ID.eq(userId)).execute();
        rows += tx.deleteFrom(USERS).where(USERS.ID.eq(userId),
                coalesce(USERS.FIRST_SEQUENCE, inline(0L)).lt(sequence)).execute();
        return change.and(new RoomChange(rows, sent));
    }

    private RoomChange leaveRooms(DSLContext tx) {
        List<UUID> rooms = tx.select(ROOM_MEMBERS.ROOM_ID).from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.USER_ID.eq(userId), ROOM_MEMBERS.LEFT_SEQUENCE.isNull(),
                        ROOM_MEMBERS.JOINED_SEQUENCE.lt(sequence))
                .orderBy(ROOM_MEMBERS.ROOM_ID)
                .fetch(ROOM_MEMBERS.ROOM_ID);
        RoomChange change = RoomChange.NONE;
        for (UUID room : rooms) {
            change = change.and(new RemoveRoomMembers(room, List.of(userId), erasedAt, sequence).apply(tx));
        }
        int rows = tx.deleteFrom(ROOM_MEMBERS).where(ROOM_MEMBERS.USER_ID.eq(userId),
                ROOM_MEMBERS.JOINED_SEQUENCE.lt(sequence)).execute();
        // No index on creator_id: rooms are few next to messages, and erasures rare.
        rows += tx.update(ROOMS).set(ROOMS.CREATOR_ID, "").where(ROOMS.CREATOR_ID.eq(userId)).execute();
        return change.and(new RoomChange(rows, List.of()));
    }

    @Override
    public String toString() {
        return "EraseUser{sequence=" + sequence + "}";
    }
}
