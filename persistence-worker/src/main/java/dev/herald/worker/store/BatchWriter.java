package dev.herald.worker.store;

import static java.util.Objects.requireNonNull;

import dev.herald.worker.decode.SequencedEvent;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Writes a batch of events in one transaction: users, then messages, then the receipts of the
 * messages that insert created. Every statement is idempotent, so writing a batch again (a
 * redelivery after a crash before the ack) changes nothing. One statement per table per batch.
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
            return new WriteResult(0, 0, 0);
        }
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            int users = new UpsertUsers(batch.users()).apply(tx);
            Set<UUID> created = new InsertMessages(batch.messages()).apply(tx);
            int receipts = new InsertReceipts(batch.receiptsOf(created)).apply(tx);
            return new WriteResult(created.size(), receipts, users);
        });
    }
}
