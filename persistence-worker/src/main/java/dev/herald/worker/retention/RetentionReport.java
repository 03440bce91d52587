package dev.herald.worker.retention;

import java.time.Duration;

/** What one retention run deleted, in how many transactions and how long. */
public record RetentionReport(long messages, long receipts, long marks, long tombstones, long streamEvents,
        int transactions, Duration elapsed) {

    /** Messages, receipts and marks deleted per second of the run (pauses included). */
    public double rowsPerSecond() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return (messages + receipts + marks) / seconds;
    }
}
