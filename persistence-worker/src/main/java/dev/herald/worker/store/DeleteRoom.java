package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.ROOMS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Deletes a room: {@code rooms.deleted_at} is set and the row stays as a tombstone (a redelivered creation or message
 * of the room is not stored again); its messages are purged as an admin purge does (tombstones in
 * {@code purged_messages}, then their marks, then the messages). Members' rows stay: the room is gone for all of
 * them. Deleting again changes nothing.
 */
final class DeleteRoom implements Function<DSLContext, RoomChange> {

    private final UUID roomId;
    private final OffsetDateTime deletedAt;

    DeleteRoom(UUID roomId, OffsetDateTime deletedAt) {
        this.roomId = roomId;
        this.deletedAt = deletedAt;
    }

    @Override
    public RoomChange apply(DSLContext tx) {
        int room = tx.update(ROOMS).set(ROOMS.DELETED_AT, deletedAt)
                .where(ROOMS.ID.eq(roomId), ROOMS.DELETED_AT.isNull())
                .execute();
        List<UUID> messageIds = tx.select(MESSAGES.ID).from(MESSAGES).where(MESSAGES.ROOM_ID.eq(roomId))
                .orderBy(MESSAGES.ID)
                .fetch(MESSAGES.ID);
        if (messageIds.isEmpty()) {
            return new RoomChange(room, List.of());
        }
        Tombstones.record(tx, messageIds);
        int purged = Purge.marksOf(messageIds).apply(tx) + Purge.messages(messageIds).apply(tx);
        Purge.pendingMarksOf(messageIds).apply(tx);
        return new RoomChange(room + purged, messageIds);
    }

    @Override
    public String toString() {
        return "DeleteRoom{roomId=" + roomId + "}";
    }
}
