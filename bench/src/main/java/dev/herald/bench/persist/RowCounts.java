package dev.herald.bench.persist;

/** How many message and receipt rows of a run are stored. */
public record RowCounts(long messages, long receipts) {

    boolean reached(long wantMessages, long wantReceipts) {
        return messages >= wantMessages && receipts >= wantReceipts;
    }
}
