package dev.herald.worker.store;

import dev.herald.worker.store.RowBatch.ReceiptRow;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code copy receipts (receiver_id, message_id, stream_sequence) from stdin}: unread, not deleted receipts of
 * messages {@link CopyMessages} has just created, so none of them can exist yet.
 */
final class CopyReceipts implements Function<DSLContext, Integer> {

    private final List<ReceiptRow> rows;

    CopyReceipts(List<ReceiptRow> rows) {
        this.rows = rows;
    }

    /** Whether every receiver id can travel by COPY (see {@link CopyText#canCarry}). */
    static boolean canCarry(List<ReceiptRow> rows) {
        return rows.stream().allMatch(r -> CopyText.canCarry(r.receiverId()));
    }

    /** Returns how many receipts it stored: all of them, or it throws. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (rows.isEmpty()) {
            return 0;
        }
        return (int) CopyIn.copy(dsl, "receipts", "receiver_id, message_id, stream_sequence", text());
    }

    /** The rows as COPY text, in the column order of {@link #apply}. */
    CopyText text() {
        CopyText text = new CopyText(rows.size());
        for (ReceiptRow r : rows) {
            text.field(r.receiverId()).field(r.messageId()).field(r.streamSequence()).endRow();
        }
        return text;
    }

    @Override
    public String toString() {
        return "CopyReceipts{rows=" + rows.size() + "}";
    }
}
