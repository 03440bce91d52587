package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.jooq.impl.DSL.select;

import dev.herald.worker.store.RowBatch.ReceiptRow;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code insert into receipts (receiver_id, message_id, stream_sequence) select * from unnest(...) on conflict do
 * nothing}: unread, not deleted receipts; one that exists already keeps its read and deleted state.
 */
final class InsertReceipts implements Function<DSLContext, Integer> {

    private final List<ReceiptRow> rows;

    InsertReceipts(List<ReceiptRow> rows) {
        this.rows = rows;
    }

    /** Returns how many receipts this statement created. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (rows.isEmpty()) {
            return 0;
        }
        Unnest<ReceiptRow> source = new Unnest<>(rows, "r")
                .column(RECEIPTS.RECEIVER_ID, ReceiptRow::receiverId)
                .column(RECEIPTS.MESSAGE_ID, ReceiptRow::messageId)
                .column(RECEIPTS.STREAM_SEQUENCE, ReceiptRow::streamSequence);
        return dsl.insertInto(RECEIPTS, RECEIPTS.RECEIVER_ID, RECEIPTS.MESSAGE_ID, RECEIPTS.STREAM_SEQUENCE)
                .select(select(source.field(RECEIPTS.RECEIVER_ID), source.field(RECEIPTS.MESSAGE_ID),
                        source.field(RECEIPTS.STREAM_SEQUENCE))
                        .from(source.table()))
                .onConflictDoNothing()
                .execute();
    }

    @Override
    public String toString() {
        return "InsertReceipts{rows=" + rows.size() + "}";
    }
}
