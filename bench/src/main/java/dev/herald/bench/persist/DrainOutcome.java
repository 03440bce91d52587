package dev.herald.bench.persist;

import static java.util.Objects.requireNonNull;

/**
 * How the rows of a run arrived after sending.
 *
 * @param last             the last counts read
 * @param lastChangeNanos  when the counts last grew (or the first poll, if they never did); {@link System#nanoTime}
 * @param drainSeconds     how long polling took
 * @param complete         every wanted row arrived
 * @param stalled          polling stopped because the counts stopped growing
 */
public record DrainOutcome(RowCounts last, long lastChangeNanos, double drainSeconds, boolean complete,
                           boolean stalled) {

    public DrainOutcome {
        requireNonNull(last, "last");
    }
}
