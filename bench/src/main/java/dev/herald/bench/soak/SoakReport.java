package dev.herald.bench.soak;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.LatencySummary;
import dev.herald.bench.measure.MinuteWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The soak's section of the report: each minute's messages (booked by send minute, so after settling
 * {@code sent == acked + refused} and {@code acked == delivered} when nothing of that minute was lost), its delivery latency and the
 * services' heaps after a full collection at its end; then the old-generation comparison and its verdict, null
 * when no server JVM was read (no {@code --server-pid}).
 */
public record SoakReport(int minutes, double heapTolerancePct, List<Minute> perMinute,
                         List<HeapComparison> oldGenAfterFullGc, @Nullable Boolean heapWithinTolerance) {

    /**
     * One minute of sending; {@code heap} is empty (and {@code heapReadS} null) when the servers were not read
     * at its end.
     */
    public record Minute(int minute, long sent, long acked, long refused, long delivered, LatencySummary latencyMs,
                         List<ServiceHeap> heap, @Nullable Double heapReadS) {
        public Minute {
            requireNonNull(latencyMs, "latencyMs");
            heap = List.copyOf(heap);
        }
    }

    public SoakReport {
        perMinute = List.copyOf(perMinute);
        oldGenAfterFullGc = List.copyOf(oldGenAfterFullGc);
    }

    /** Joins the traffic of each minute with the heaps read at its end and judges the old generation. */
    public static SoakReport of(List<MinuteWindows.Minute> traffic, List<HeapMinute> heaps, double tolerancePct) {
        final List<Minute> minutes = new ArrayList<>(traffic.size());
        for (MinuteWindows.Minute t : traffic) {
            final Optional<HeapMinute> heap = heaps.stream().filter(h -> h.minute() == t.minute()).findFirst();
            minutes.add(new Minute(t.minute(), t.sent(), t.acked(), t.refused(), t.delivered(), t.latencyMs(),
                                   heap.map(HeapMinute::services).orElse(List.of()),
                                   heap.map(HeapMinute::readS).orElse(null)));
        }
        final List<HeapComparison> comparisons = new HeapTrend(tolerancePct).compare(heaps);
        final Boolean within = comparisons.isEmpty() ? null
                : comparisons.stream().allMatch(HeapComparison::withinTolerance);
        return new SoakReport(traffic.size(), tolerancePct, minutes, comparisons, within);
    }

    /** False only when a service's old generation grew past the tolerance or could not be read. */
    public boolean heapPassed() {
        return heapWithinTolerance == null || heapWithinTolerance;
    }
}
