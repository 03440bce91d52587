package dev.herald.worker.store;

import static java.util.Objects.requireNonNull;

import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.store.RowBatch.SequencedUpdate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of events in one transaction: users (and last-seen times), then the rooms created (a room's
 * creation comes before every other event of the room, so writing them first keeps the room's order), then messages
 * and their receipts (room messages and announcements have none), then each room's latest message, then the updates
 * that waited for the messages stored now ({@link PendingMarks}), then the batch's updates one by one in
 * stream-sequence order ({@link ApplyUpdates}).
 *
 * <p>Several workers may share the consumer, so batches commit in any order and a batch may be written again after a
 * later one committed. Every statement is written so that the rows end the same whatever the order: earliest times
 * and greatest positions win, memberships are judged by stream sequence, updates of what is not stored yet wait as
 * pending rows, and a purged or room-deleted message stays out. Purges are checked once, after the insert: that one
 * look-up sees every purge committed before it, those another worker commits meanwhile too, and a purged message
 * (rare: a redelivery after the purge) is deleted again in the same transaction, so no batch pays a look-up before.
 *
 * <p>Messages and receipts go first by COPY, PostgreSQL's fastest way in, which assumes none of
 * them is stored yet. When one is (a redelivery after a crash before the ack, a reused client
 * id), COPY fails with a unique violation; the transaction is rolled back and the batch written
 * again with the idempotent {@code insert ... on conflict do nothing} statements, which skip the
 * stored rows. So writing a batch again changes nothing, whichever path wrote it first.
 */
public final class BatchWriter {

    private static final Logger logger = LoggerFactory.getLogger(BatchWriter.class);

    private final DSLContext dsl;
    private final boolean copy;
    private final RetentionCutoff retention;

    /** Takes the service's one shared {@link DSLContext}; COPY first, as described above. */
    public BatchWriter(DSLContext dsl) {
        this(dsl, true);
    }

    /** With {@code copy} false, every batch goes through the idempotent inserts only. */
    public BatchWriter(DSLContext dsl, boolean copy) {
        this(dsl, copy, RetentionCutoff.KEEP_FOREVER);
    }

    /** Messages older than {@code retention}'s cutoff are not stored (retention deleted them, or is about to). */
    public BatchWriter(DSLContext dsl, boolean copy, RetentionCutoff retention) {
        this.dsl = requireNonNull(dsl, "dsl");
        this.copy = copy;
        this.retention = requireNonNull(retention, "retention");
    }

    /**
     * Writes and commits the batch, or rolls it back and throws jOOQ's
     * {@link DataAccessException} (see {@link FailureKind#of}).
     */
    public WriteResult write(List<SequencedEvent> events) {
        RowBatch batch = RowBatch.of(events);
        if (batch.isEmpty()) {
            return new WriteResult(0, 0, 0, 0);
        }
        List<RowBatch.ReceiptRow> receipts = batch.allReceipts();
        if (copy && !batch.messages().isEmpty() && CopyMessages.canCarry(batch.messages())
                && CopyReceipts.canCarry(receipts)) {
            try {
                return dsl.transactionResult(trx -> writeByCopy(events, batch, trx.dsl()));
            } catch (DataAccessException e) {
                if (FailureKind.of(e) == FailureKind.TRANSIENT) {
                    throw e;
                }
                // A row is stored already, or PostgreSQL rejects one: the idempotent path below
                // skips the former and fails on the latter exactly as it always has.
                logger.atDebug().addKeyValue("sqlState", FailureKind.sqlState(e).orElse("none"))
                        .log("COPY failed; writing the batch with on-conflict inserts");
            }
        }
        return dsl.transactionResult(trx -> writeSkippingStored(events, batch, trx.dsl()));
    }

    private WriteResult writeByCopy(List<SequencedEvent> events, RowBatch received, DSLContext tx) {
        Set<Long> purgedEvents = new HashSet<>();
        RowBatch kept = withoutErased(events, received, tx, purgedEvents);
        RowBatch batch = withoutDropped(kept, tx, purgedEvents);
        int users = writeUsers(batch, tx);
        int rooms = new InsertRooms(batch.rooms()).apply(tx);
        int messages = new CopyMessages(batch.messages()).apply(tx);
        int copied = new CopyReceipts(batch.allReceipts()).apply(tx);
        Purged purged = dropPurged(batch, tx, purgedEvents);
        return new WriteResult(messages - purged.messages(), copied - purged.receipts(), users,
                rooms + applyUpdates(kept, tx, purgedEvents), purgedEvents);
    }

    private WriteResult writeSkippingStored(List<SequencedEvent> events, RowBatch received, DSLContext tx) {
        Set<Long> purgedEvents = new HashSet<>();
        RowBatch kept = withoutErased(events, received, tx, purgedEvents);
        RowBatch batch = withoutDropped(kept, tx, purgedEvents);
        int users = writeUsers(batch, tx);
        int rooms = new InsertRooms(batch.rooms()).apply(tx);
        Set<UUID> created = new InsertMessages(batch.messages()).apply(tx);
        int receipts = new InsertReceipts(batch.receiptsOf(created)).apply(tx);
        Purged purged = dropPurged(batch, tx, purgedEvents);
        return new WriteResult(created.size() - purged.messages(), receipts - purged.receipts(), users,
                rooms + applyUpdates(kept, tx, purgedEvents), purgedEvents);
    }

    /**
     * The batch without what erased users did before their erasure ({@link ErasureFilter}); their message events go
     * to {@code purgedEvents}, to delete from the stream.
     */
    private static RowBatch withoutErased(List<SequencedEvent> events, RowBatch batch, DSLContext tx,
            Set<Long> purgedEvents) {
        Map<String, ErasedUsers.Tombstone> erased = ErasedUsers.among(tx, ErasureFilter.usersNamed(events));
        return erased.isEmpty() ? batch : RowBatch.of(ErasureFilter.without(events, erased, purgedEvents));
    }

    /**
     * The batch without the messages never to store: those sent to a deleted room (whose rooms stay locked until the
     * commit, see {@link DeletedRooms}), or older than the retention. Those to a deleted room keep a tombstone with
     * their event's sequence, as if they had been stored and purged, and their events go to {@code purgedEvents}, to
     * delete from the stream: a message that reached a room after its deletion keeps no body there. (Purged ones are
     * taken out after the insert, {@link #dropPurged}.)
     */
    private RowBatch withoutDropped(RowBatch received, DSLContext tx, Set<Long> purgedEvents) {
        Set<UUID> dropped = new HashSet<>(received.messagesTo(DeletedRooms.among(tx, received.messageRoomIds())));
        Tombstones.recordDropped(tx, received.sequencesById(dropped));
        retention.cutoff().ifPresent(cutoff -> dropped.addAll(received.messagesCreatedBefore(cutoff)));
        purgedEvents.addAll(received.sequencesOf(dropped));
        return received.withoutMessages(dropped);
    }

    /** Messages and receipts the batch stored and {@link #dropPurged} deleted again. */
    private record Purged(int messages, int receipts) {}

    /**
     * Deletes again what the batch stored of purged messages: purged before (a redelivered event whose first ack was
     * lost), or by a transaction that committed while this one ran (its tombstone was not visible when the batch
     * began, its delete was: the insert waited for it, then stored the row). Their tombstones get their event's
     * sequence, as if they had been stored and purged, and their events go to {@code purgedEvents}, to delete from
     * the stream: a redelivered event of a purged message keeps no body there.
     */
    private static Purged dropPurged(RowBatch batch, DSLContext tx, Set<Long> purgedEvents) {
        Set<UUID> purged = Tombstones.among(tx, batch.messageIds());
        if (purged.isEmpty()) {
            return new Purged(0, 0);
        }
        List<UUID> ids = List.copyOf(purged);
        int receipts = Purge.receiptsOf(ids).apply(tx);
        int messages = Purge.messages(ids).apply(tx);
        Tombstones.recordDropped(tx, batch.sequencesById(purged));
        purgedEvents.addAll(batch.sequencesOf(purged));
        return new Purged(messages, receipts);
    }

    /**
     * Returns how many user rows changed: sightings and provisionings, then last-seen times (those of users not stored
     * yet wait, see {@link PendingLastSeen}), then the waiting times of users stored now.
     */
    private static int writeUsers(RowBatch batch, DSLContext tx) {
        int changed = new UpsertUsers(batch.users()).apply(tx) + new UpdateLastSeen(batch.lastSeen()).apply(tx);
        PendingLastSeen.record(tx, batch.lastSeen());
        if (batch.users().isEmpty()) {
            return changed; // no user stored now: what waits, waits for the next batch that stores one
        }
        return changed + new UpdateLastSeen(PendingLastSeen.takeStored(tx)).apply(tx);
    }

    /**
     * The rooms' latest messages (of every message received, dropped ones too), then the updates that waited for
     * messages stored now, then the batch's updates in order. Returns how many rows they changed or deleted; adds to
     * {@code purgedEvents} the events of the messages they purged.
     */
    private static int applyUpdates(RowBatch received, DSLContext tx, Set<Long> purgedEvents) {
        // Only a batch that stores messages looks for marks waiting for them (the next such batch takes a mark left
        // by a concurrent one), so a batch of other events costs no extra statement.
        List<SequencedUpdate> waiting = received.messages().isEmpty() ? List.of() : PendingMarks.takeStored(tx);
        return new AdvanceLastMessage(received.lastMessageSequences()).apply(tx)
                + ApplyUpdates.apply(waiting, tx, purgedEvents)
                + ApplyUpdates.apply(received.updates(), tx, purgedEvents);
    }
}
