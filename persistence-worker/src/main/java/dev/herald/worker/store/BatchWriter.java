package dev.herald.worker.store;

import static java.util.Objects.requireNonNull;

import dev.herald.worker.decode.Event;
import dev.herald.worker.decode.SequencedEvent;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Writes a batch of events in one transaction: users, then messages, then the receipts of the
 * messages that insert created, then the batch's updates one by one in stream-sequence order (an
 * update only ever names messages accepted before it, so one inserted by the same batch is there
 * already). Every statement is idempotent, so writing a batch again (a redelivery after a crash
 * before the ack) changes nothing. One statement per table for the inserts, one or two per update.
 */
public final class BatchWriter {

    private final DSLContext dsl;

    /** Takes the service's one shared {@link DSLContext}. */
    public BatchWriter(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl");
    }

    /**
     * Writes and commits the batch, or rolls it back and throws jOOQ's
     * {@link org.jooq.exception.DataAccessException} (see {@link FailureKind#of}).
     */
    public WriteResult write(List<SequencedEvent> events) {
        RowBatch batch = RowBatch.of(events);
        if (batch.isEmpty()) {
            return new WriteResult(0, 0, 0, 0);
        }
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            int users = new UpsertUsers(batch.users()).apply(tx);
            Set<UUID> created = new InsertMessages(batch.messages()).apply(tx);
            int receipts = new InsertReceipts(batch.receiptsOf(created)).apply(tx);
            int updated = 0;
            for (Event.Update update : batch.updates()) {
                updated += apply(update, tx);
            }
            return new WriteResult(created.size(), receipts, users, updated);
        });
    }

    /** Returns how many rows the update changed or deleted. */
    private static int apply(Event.Update update, DSLContext tx) {
        return switch (update) {
            case Event.ReadReceipts r -> new MarkReceiptsRead(r.receiverId(), r.messageIds(), r.readAt()).apply(tx);
            case Event.DeletedReceipts d ->
                    new MarkReceiptsDeleted(d.receiverId(), d.messageIds(), d.deletedAt()).apply(tx);
            case Event.DeletedSentMessages d ->
                    new MarkSentDeleted(d.senderId(), d.messageIds(), d.deletedAt()).apply(tx);
            case Event.RecalledMessages r ->
                    new RecallMessages(r.senderId(), r.messageIds(), r.recalledAt()).apply(tx)
                            + new MarkRecalledReceiptsDeleted(r.senderId(), r.messageIds(), r.recalledAt()).apply(tx);
            case Event.PurgedMessages p ->
                    new PurgeReceipts(p.messageIds()).apply(tx) + new PurgeMessages(p.messageIds()).apply(tx);
        };
    }
}
