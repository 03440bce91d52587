package dev.herald.worker.consume;

import java.util.concurrent.atomic.AtomicLong;

/** How far a worker got, read by tests and logs; counters only grow. */
public final class ConsumerStats {

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong terminated = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastAckedSequence = new AtomicLong();

    /** Batches committed and acked. */
    public long batches() {
        return batches.get();
    }

    /** Stream records stored (or found already stored) and acked. */
    public long messages() {
        return messages.get();
    }

    /** Stream records terminated because they can never be written. */
    public long terminated() {
        return terminated.get();
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

    void recordTerminated() {
        terminated.incrementAndGet();
    }

    void recordFailure() {
        failures.incrementAndGet();
    }

    @Override
    public String toString() {
        return "ConsumerStats{batches=" + batches + ", messages=" + messages + ", terminated=" + terminated
                + ", failures=" + failures + ", lastAckedSequence=" + lastAckedSequence + "}";
    }
}
