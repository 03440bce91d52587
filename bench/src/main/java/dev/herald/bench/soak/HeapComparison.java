package dev.herald.bench.soak;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One service's old generation after a full collection at the baseline minute and at the last minute, in MB, the
 * change in percent of the baseline, and whether it grew by at most the tolerance (shrinking always passes). A
 * missing reading fails: nothing was shown.
 */
public record HeapComparison(String service, long pid, int baselineMinute, @Nullable Double baselineOldGenMb,
                             int lastMinute, @Nullable Double lastOldGenMb, @Nullable Double changePct,
                             boolean withinTolerance) {

    public HeapComparison {
        requireNonNull(service, "service");
    }
}
