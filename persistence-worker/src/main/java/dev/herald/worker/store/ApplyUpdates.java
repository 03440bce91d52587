package dev.herald.worker.store;

import dev.herald.worker.decode.Event;
import dev.herald.worker.store.RowBatch.SequencedUpdate;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Applies a batch's updates one by one in stream-sequence order, after its inserts (an update only ever names
 * messages and rooms accepted before it, so one inserted by the same batch is there already). Each statement leaves
 * what it changed before as it is, so applying an update twice is harmless.
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
            case Event.ReadReceipts r -> StampOnce.receiptsRead(r.receiverId(), r.messageIds(), r.readAt()).apply(tx)
                    + MarkMessages.read(r.receiverId(), r.messageIds(), r.readAt()).apply(tx);
            case Event.DeletedReceipts d ->
                    StampOnce.receiptsDeleted(d.receiverId(), d.messageIds(), d.deletedAt()).apply(tx)
                            + MarkMessages.deleted(d.receiverId(), d.messageIds(), d.deletedAt()).apply(tx);
            case Event.DeletedSentMessages d ->
                    StampOnce.sentDeleted(d.senderId(), d.messageIds(), d.deletedAt()).apply(tx);
            case Event.RecalledMessages r ->
                    StampOnce.recalled(r.senderId(), r.messageIds(), r.recalledAt()).apply(tx)
                            + StampOnce.recalledReceiptsDeleted(r.senderId(), r.messageIds(), r.recalledAt())
                                    .apply(tx);
            case Event.PurgedMessages p -> {
                Tombstones.record(tx, p.messageIds());
                int purged = Purge.receiptsOf(p.messageIds()).apply(tx) + Purge.marksOf(p.messageIds()).apply(tx)
                        + Purge.messages(p.messageIds()).apply(tx);
                purgedEvents.addAll(Tombstones.eventSequences(tx, p.messageIds()));
                yield purged;
            }
            case Event.RoomUpdated u -> new UpdateRoom(u.roomId(), u.name(), u.topic(), u.updatedAt()).apply(tx);
            case Event.RoomMembersAdded a ->
                    new AddRoomMembers(a.roomId(), a.userIds(), a.owners(), a.addedAt(), sequence).apply(tx).rows();
            case Event.RoomMembersRemoved r -> purging(
                    new RemoveRoomMembers(r.roomId(), r.userIds(), r.removedAt(), sequence).apply(tx), tx, purgedEvents);
            case Event.RoomDeleted d -> purging(new DeleteRoom(d.roomId(), d.deletedAt()).apply(tx), tx, purgedEvents);
            case Event.RoomRead r -> new AdvanceReadPosition(r.roomId(), r.userId(), r.messageId()).apply(tx);
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
