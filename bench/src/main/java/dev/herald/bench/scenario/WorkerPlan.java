package dev.herald.bench.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one process does: its users {@code [userFrom, userTo)} of the run, its senders, its share of the messages
 * and the rate to send them at. {@link #slice} splits a run over processes so that the shares add up exactly.
 */
public record WorkerPlan(
        Mode mode,
        String tag,
        int worker,
        int processes,
        int userFrom,
        int userTo,
        int senders,
        int messages,
        double rate,
        int fanout,
        Duration hold,
        int bodyBytes,
        int connectConcurrency,
        double connectRate,
        Duration settleMax,
        long seed) {

    public WorkerPlan {
        requireNonNull(mode, "mode");
        requireNonNull(tag, "tag");
        requireNonNull(hold, "hold");
        requireNonNull(settleMax, "settleMax");
        checkArgument(userFrom >= 0 && userFrom <= userTo, "users: [%s, %s) (expected: 0 <= from <= to)",
                      userFrom, userTo);
        checkArgument(userTo - userFrom < (1 << 21), "users per process: %s (expected: < 2097152)",
                      userTo - userFrom);
        checkArgument(messages == 0 || rate > 0, "rate: %s (expected: > 0 when sending)", rate);
    }

    /**
     * Worker {@code worker}'s part of a run of {@code conns} users, {@code senders} senders and {@code messages}
     * messages at {@code rate} in total: contiguous user ranges, senders and messages split as evenly as whole
     * numbers allow, and each worker's rate proportional to its messages.
     */
    public static WorkerPlan slice(Mode mode, String tag, int worker, int processes, int conns, int senders,
                                   int messages, double rate, int fanout, Duration hold, int bodyBytes,
                                   int connectConcurrency, double connectRate, Duration settleMax, long seed) {
        final int myMessages = share(messages, worker, processes);
        final double myRate = messages == 0 ? 0 : rate * myMessages / messages;
        return new WorkerPlan(mode, tag, worker, processes, prefix(conns, worker, processes),
                              prefix(conns, worker + 1, processes), share(senders, worker, processes),
                              myMessages, myRate, fanout, hold, bodyBytes, connectConcurrency,
                              connectRate / processes, settleMax, seed);
    }

    public int users() {
        return userTo - userFrom;
    }

    public SeqSpace seqs() {
        return new SeqSpace(worker, processes);
    }

    private static int share(int total, int worker, int processes) {
        return prefix(total, worker + 1, processes) - prefix(total, worker, processes);
    }

    /** The first {@code upTo} workers' part of {@code total}: {@code floor(total * upTo / processes)}. */
    private static int prefix(int total, int upTo, int processes) {
        return (int) ((long) total * upTo / processes);
    }
}
