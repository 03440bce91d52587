package dev.herald.worker.consume;

import java.util.concurrent.atomic.AtomicLong;

/** How far a worker got, read by tests and logs; counters only grow. */
public final class ConsumerStats {

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong rejectedWrites = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastAckedSequence = new AtomicLong();

    /** Batches (or parts of a split batch) committed and acked. */
    public long batches() {
        return batches.get();
    }

    /** Stream records stored (or found already stored) and acked. */
    public long messages() {
        return messages.get();
    }

    /** Stream records the worker can never store, kept in {@code dead_letters} and acked. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /**
     * Writes of a batch or part of one that PostgreSQL rejected, each followed by a split in halves or, for a
     * single event, a dead letter: with one bad event in a batch of n, about log2(n).
     */
    public long rejectedWrites() {
        return rejectedWrites.get();
    }

    /** Batch writes that failed transiently and were handed back for redelivery. */
    public long failures() {
        return failures.get();
    }

    /** Highest stream sequence this worker acked after a commit, 0 before the first. */
    public long lastAckedSequence() {
        return lastAckedSequence.get();
    }

    void recordCommitted(int records, long highestSequence) {
        batches.incrementAndGet();
        messages.addAndGet(records);
        lastAckedSequence.accumulateAndGet(highestSequence, Math::max);
    }

    void recordDeadLettered(int records, long highestSequence) {
        deadLettered.addAndGet(records);
        lastAckedSequence.accumulateAndGet(highestSequence, Math::max);
    }

    void recordRejectedWrite() {
        rejectedWrites.incrementAndGet();
    }

    void recordFailure() {
        failures.incrementAndGet();
    }

    @Override
    public String toString() {
        return "ConsumerStats{batches=" + batches + ", messages=" + messages + ", deadLettered=" + deadLettered
                + ", rejectedWrites=" + rejectedWrites + ", failures=" + failures
                + ", lastAckedSequence=" + lastAckedSequence + "}";
    }
}
