package dev.herald.worker.store;

import dev.herald.worker.decode.Event;
import dev.herald.worker.store.PendingMarks.Kind;
import dev.herald.worker.store.RowBatch.SequencedUpdate;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Applies a batch's updates one by one in stream-sequence order, after its inserts. An update only ever names messages
 * and rooms accepted before it, but with several workers the batch that stores them may commit later: what an update
 * names and is not stored yet is left as a pending mark ({@link PendingMarks}) for that batch to apply. Each statement
 * keeps the earliest time and moves positions only forward, so applying updates twice, or in another order, ends in
 * the same rows.
 */
final class ApplyUpdates {

    private ApplyUpdates() {}

    /**
     * Applies the updates; adds to {@code purgedEvents} the stream sequences of the events of the messages purged
     * (by an admin's purge or with a deleted room). Returns how many rows they changed or deleted.
     */
    static int apply(List<SequencedUpdate> updates, DSLContext tx, Set<Long> purgedEvents) {
        int updated = 0;
        for (SequencedUpdate update : updates) {
            updated += apply(update.update(), update.streamSequence(), tx, purgedEvents);
        }
        return updated;
    }

    private static int apply(Event.Update update, long sequence, DSLContext tx, Set<Long> purgedEvents) {
        return switch (update) {
            case Event.ReadReceipts r -> {
                PendingMarks.record(tx, Kind.READ, r.receiverId(), r.messageIds(), r.readAt(), null, sequence);
                yield StampOnce.receiptsRead(r.receiverId(), r.messageIds(), r.readAt()).apply(tx)
                        + MarkMessages.read(r.receiverId(), r.messageIds(), r.readAt()).apply(tx);
            }
            case Event.DeletedReceipts d -> {
                PendingMarks.record(tx, Kind.DELETED, d.receiverId(), d.messageIds(), d.deletedAt(), null, sequence);
                yield StampOnce.receiptsDeleted(d.receiverId(), d.messageIds(), d.deletedAt()).apply(tx)
                        + MarkMessages.deleted(d.receiverId(), d.messageIds(), d.deletedAt()).apply(tx);
            }
            case Event.DeletedSentMessages d -> {
                PendingMarks.record(tx, Kind.SENT_DELETED, d.senderId(), d.messageIds(), d.deletedAt(), null,
                        sequence);
                yield StampOnce.sentDeleted(d.senderId(), d.messageIds(), d.deletedAt()).apply(tx);
            }
            case Event.RecalledMessages r -> {
                PendingMarks.record(tx, Kind.RECALLED, r.senderId(), r.messageIds(), r.recalledAt(), null, sequence);
                yield StampOnce.recalled(r.senderId(), r.messageIds(), r.recalledAt()).apply(tx)
                        + StampOnce.recalledReceiptsDeleted(r.senderId(), r.messageIds(), r.recalledAt()).apply(tx);
            }
            case Event.PurgedMessages p -> {
                Tombstones.record(tx, p.messageIds());
                int purged = Purge.receiptsOf(p.messageIds()).apply(tx) + Purge.marksOf(p.messageIds()).apply(tx)
                        + Purge.messages(p.messageIds()).apply(tx);
                Purge.pendingMarksOf(p.messageIds()).apply(tx);
                purgedEvents.addAll(Tombstones.eventSequences(tx, p.messageIds()));
                yield purged;
            }
            case Event.RoomUpdated u -> new UpdateRoom(u.roomId(), u.name(), u.topic(), u.updatedAt()).apply(tx);
            case Event.RoomMembersAdded a ->
                    new AddRoomMembers(a.roomId(), a.userIds(), a.owners(), a.addedAt(), sequence).apply(tx).rows();
            case Event.RoomMembersRemoved r -> purging(
                    new RemoveRoomMembers(r.roomId(), r.userIds(), r.removedAt(), sequence).apply(tx), tx, purgedEvents);
            case Event.RoomDeleted d -> purging(new DeleteRoom(d.roomId(), d.deletedAt()).apply(tx), tx, purgedEvents);
            case Event.RoomRead r -> {
                PendingMarks.record(tx, Kind.ROOM_READ, r.userId(), List.of(r.messageId()), null, r.roomId(),
                        sequence);
                yield new AdvanceReadPosition(r.roomId(), r.userId(), r.messageId(), sequence).apply(tx);
            }
            case Event.UserErased e -> purging(new EraseUser(e.userId(), e.erasedAt(), sequence).apply(tx), tx,
                    purgedEvents);
        };
    }

    /** The change's rows; the events of the messages it purged go to {@code purgedEvents}. */
    private static int purging(RoomChange change, DSLContext tx, Set<Long> purgedEvents) {
        purgedEvents.addAll(Tombstones.eventSequences(tx, change.purgedMessageIds()));
        return change.rows();
    }
}
