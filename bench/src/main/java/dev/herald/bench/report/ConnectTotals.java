package dev.herald.bench.report;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.Histogram;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The connect phases of all workers added up: counts add, histograms merge, the window spans them all. */
public record ConnectTotals(int attempted, int established, int failed, long startEpochMs, long endEpochMs,
                            Histogram latencyMicros, Map<String, Long> failureKinds) {

    public ConnectTotals {
        requireNonNull(latencyMicros, "latencyMicros");
        failureKinds = Map.copyOf(failureKinds);
    }

    public static ConnectTotals of(List<ConnectReport> reports) {
        int attempted = 0;
        int established = 0;
        int failed = 0;
        long start = Long.MAX_VALUE;
        long end = 0;
        final Histogram latency = new Histogram();
        final Map<String, Long> kinds = new TreeMap<>();
        for (ConnectReport report : reports) {
            attempted += report.attempted();
            established += report.established();
            failed += report.failed();
            start = Math.min(start, report.startEpochMs());
            end = Math.max(end, report.endEpochMs());
            latency.add(Histogram.of(report.latencyMicros()));
            report.failureKinds().forEach((kind, n) -> kinds.merge(kind, n, Long::sum));
        }
        return new ConnectTotals(attempted, established, failed, reports.isEmpty() ? 0 : start, end, latency, kinds);
    }

    /** From the first socket starting to open to the last one settling, over all workers. */
    public double seconds() {
        return Math.max(0, endEpochMs - startEpochMs) / 1000.0;
    }
}
