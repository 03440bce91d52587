package dev.herald.bench.report;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.HistogramSnapshot;
import java.util.Map;

/**
 * One process's connect phase, as it travels to the parent.
 *
 * @param failureKinds why sockets failed to go online (error status or socket failure), with counts
 */
public record ConnectReport(int attempted, int established, int failed, long startEpochMs, long endEpochMs,
                            HistogramSnapshot latencyMicros, Map<String, Long> failureKinds) {

    public ConnectReport {
        requireNonNull(latencyMicros, "latencyMicros");
        failureKinds = Map.copyOf(failureKinds);
    }
}
