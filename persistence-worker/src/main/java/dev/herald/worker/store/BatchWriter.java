package dev.herald.worker.store;

import static java.util.Objects.requireNonNull;

import dev.herald.worker.decode.Event;
import dev.herald.worker.decode.SequencedEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of events in one transaction: users, then messages, then their receipts, then
 * the batch's updates one by one in stream-sequence order (an update only ever names messages
 * accepted before it, so one inserted by the same batch is there already).
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

    /** Takes the service's one shared {@link DSLContext}; COPY first, as described above. */
    public BatchWriter(DSLContext dsl) {
        this(dsl, true);
    }

    /** With {@code copy} false, every batch goes through the idempotent inserts only. */
    public BatchWriter(DSLContext dsl, boolean copy) {
        this.dsl = requireNonNull(dsl, "dsl");
        this.copy = copy;
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
                return dsl.transactionResult(trx -> writeByCopy(batch, trx.dsl()));
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
        return dsl.transactionResult(trx -> writeSkippingStored(batch, trx.dsl()));
    }

    private static WriteResult writeByCopy(RowBatch received, DSLContext tx) {
        Set<UUID> purged = Tombstones.among(tx, received.messageIds());
        RowBatch batch = received.withoutMessages(purged);
        int users = new UpsertUsers(batch.users()).apply(tx);
        int messages = new CopyMessages(batch.messages()).apply(tx);
        int copied = new CopyReceipts(batch.allReceipts()).apply(tx);
        Set<Long> purgedEvents = new HashSet<>(received.sequencesOf(purged));
        return new WriteResult(messages, copied, users, applyUpdates(batch, tx, purgedEvents), purgedEvents);
    }

    private static WriteResult writeSkippingStored(RowBatch received, DSLContext tx) {
        Set<UUID> purged = Tombstones.among(tx, received.messageIds());
        RowBatch batch = received.withoutMessages(purged);
        int users = new UpsertUsers(batch.users()).apply(tx);
        Set<UUID> created = new InsertMessages(batch.messages()).apply(tx);
        int receipts = new InsertReceipts(batch.receiptsOf(created)).apply(tx);
        Set<Long> purgedEvents = new HashSet<>(received.sequencesOf(purged));
        return new WriteResult(created.size(), receipts, users, applyUpdates(batch, tx, purgedEvents), purgedEvents);
    }

    /**
     * Applies the updates in order; adds to {@code purgedEvents} the stream sequences of the events of the messages
     * the purges name. Returns how many rows they changed or deleted.
     */
    private static int applyUpdates(RowBatch batch, DSLContext tx, Set<Long> purgedEvents) {
        int updated = 0;
        for (Event.Update update : batch.updates()) {
            updated += apply(update, tx);
            if (update instanceof Event.PurgedMessages p) {
                purgedEvents.addAll(Tombstones.eventSequences(tx, p.messageIds()));
            }
        }
        return updated;
    }

    /** Returns how many rows the update changed or deleted. */
    private static int apply(Event.Update update, DSLContext tx) {
        return switch (update) {
            case Event.ReadReceipts r -> StampOnce.receiptsRead(r.receiverId(), r.messageIds(), r.readAt()).apply(tx);
            case Event.DeletedReceipts d ->
                    StampOnce.receiptsDeleted(d.receiverId(), d.messageIds(), d.deletedAt()).apply(tx);
            case Event.DeletedSentMessages d ->
                    StampOnce.sentDeleted(d.senderId(), d.messageIds(), d.deletedAt()).apply(tx);
            case Event.RecalledMessages r ->
                    StampOnce.recalled(r.senderId(), r.messageIds(), r.recalledAt()).apply(tx)
                            + StampOnce.recalledReceiptsDeleted(r.senderId(), r.messageIds(), r.recalledAt())
                                    .apply(tx);
            case Event.PurgedMessages p -> {
                Tombstones.record(tx, p.messageIds());
                yield Purge.receiptsOf(p.messageIds()).apply(tx) + Purge.messages(p.messageIds()).apply(tx);
            }
        };
    }
}
