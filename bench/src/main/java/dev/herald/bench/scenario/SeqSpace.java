package dev.herald.bench.scenario;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Message numbers across processes: message {@code local} of worker {@code w} out of {@code P} has the global seq
 * {@code local * P + w}, so seqs are unique in the run and every process can tell its own.
 */
public record SeqSpace(int worker, int processes) {

    public SeqSpace {
        checkArgument(processes > 0, "processes: %s (expected: > 0)", processes);
        checkArgument(worker >= 0 && worker < processes, "worker: %s (expected: 0 to %s)", worker, processes - 1);
    }

    public long global(int local) {
        return (long) local * processes + worker;
    }

    /** The local index of {@code seq}, or -1 when it belongs to another process (or is negative). */
    public long local(long seq) {
        if (seq < 0 || seq % processes != worker) {
            return -1;
        }
        return seq / processes;
    }

    /** The worker that sent {@code seq}. */
    public static int workerOf(long seq, int processes) {
        return (int) (seq % processes);
    }
}
