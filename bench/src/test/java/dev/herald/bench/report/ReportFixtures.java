package dev.herald.bench.report;

import dev.herald.bench.measure.Histogram;
import dev.herald.bench.measure.HistogramSnapshot;
import dev.herald.bench.measure.TrafficCounts;
import java.util.BitSet;
import java.util.Map;

/** Worker reports made up for the merge and verdict tests. */
final class ReportFixtures {

    private ReportFixtures() {}

    static HistogramSnapshot histogram(long... micros) {
        final Histogram histogram = new Histogram();
        for (long value : micros) {
            histogram.record(value);
        }
        return histogram.snapshot();
    }

    static WorkerReport worker(int worker, long sent, long delivered, long duplicates, BitSet mustStore,
                               HistogramSnapshot latency, long sendStart, long sendEnd, long lastDelivery) {
        final ConnectReport connect = new ConnectReport(10, 9, 1, 1_000 + worker, 2_000 + worker,
                                                        histogram(1_000, 2_000), Map.of("online timeout", 1L));
        final TrafficCounts traffic = new TrafficCounts(
                sent, 1, mustStore.cardinality(), 0, 0, 0, 2, sent * 2, delivered, duplicates, 0, 0, 1,
                Map.of("INTERNAL", 1L), latency, histogram(500), mustStore.cardinality(), mustStore.toByteArray());
        return new WorkerReport(worker, connect, new PhaseReport(traffic, sendStart, sendEnd, 10.0 + worker,
                                                                 lastDelivery, 3.0 * worker, 9, worker, 1.5));
    }
}
