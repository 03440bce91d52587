package dev.herald.bench.report;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.Histogram;
import dev.herald.bench.measure.TrafficCounts;
import dev.herald.bench.persist.StoreExpectation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The phases of all workers added up. Counts add; histograms merge exactly; the send window runs from the
 * earliest start to the latest end; what each worker must find stored stays per worker for the row audit.
 */
public record PhaseTotals(
        long sent,
        long notSent,
        long acked,
        long refused,
        long duplicateAcks,
        long unknownAcks,
        long expectedDeliveries,
        long delivered,
        long duplicates,
        long echoes,
        long foreign,
        long errors,
        Map<String, Long> errorKinds,
        Histogram latencyMicros,
        Histogram ackLatencyMicros,
        long mustStore,
        long expectedReceipts,
        long sendStartEpochMs,
        long sendEndEpochMs,
        double sendTimeS,
        long lastDeliveryEpochMs,
        double maxLagMs,
        int stillOpen,
        long closedUnexpectedly,
        double cpuSeconds,
        List<StoreExpectation> expectations) {

    public PhaseTotals {
        errorKinds = Map.copyOf(errorKinds);
        requireNonNull(latencyMicros, "latencyMicros");
        requireNonNull(ackLatencyMicros, "ackLatencyMicros");
        expectations = List.copyOf(expectations);
    }

    public static PhaseTotals of(List<WorkerReport> reports) {
        final List<WorkerReport> ordered = reports.stream().sorted(Comparator.comparingInt(WorkerReport::worker))
                .toList();
        long sent = 0, notSent = 0, acked = 0, refused = 0, duplicateAcks = 0, unknownAcks = 0, expected = 0;
        long delivered = 0, duplicates = 0, echoes = 0, foreign = 0, errors = 0, mustStore = 0, receipts = 0;
        long start = Long.MAX_VALUE, end = 0, lastDelivery = 0, closed = 0;
        double sendTime = 0, lag = 0, cpu = 0;
        int stillOpen = 0;
        final Map<String, Long> kinds = new TreeMap<>();
        final Histogram latency = new Histogram();
        final Histogram ackLatency = new Histogram();
        final List<StoreExpectation> expectations = new ArrayList<>();
        for (WorkerReport report : ordered) {
            final PhaseReport phase = report.phase();
            final TrafficCounts t = phase.traffic();
            sent += t.sent();
            notSent += t.notSent();
            acked += t.acked();
            refused += t.refused();
            duplicateAcks += t.duplicateAcks();
            unknownAcks += t.unknownAcks();
            expected += t.expectedDeliveries();
            delivered += t.delivered();
            duplicates += t.duplicates();
            echoes += t.echoes();
            foreign += t.foreign();
            errors += t.errors();
            mustStore += t.mustStoreCount();
            receipts += t.mustStoreCount() * t.receiversPerMessage();
            t.errorKinds().forEach((kind, n) -> kinds.merge(kind, n, Long::sum));
            latency.add(Histogram.of(t.latencyMicros()));
            ackLatency.add(Histogram.of(t.ackLatencyMicros()));
            if (phase.sendStartEpochMs() > 0) {
                start = Math.min(start, phase.sendStartEpochMs());
            }
            end = Math.max(end, phase.sendEndEpochMs());
            sendTime = Math.max(sendTime, phase.sendTimeS());
            lastDelivery = Math.max(lastDelivery, phase.lastDeliveryEpochMs());
            lag = Math.max(lag, phase.maxLagMs());
            stillOpen += phase.stillOpen();
            closed += phase.closedUnexpectedly();
            cpu += phase.cpuSeconds();
            expectations.add(new StoreExpectation(report.worker(), t.receiversPerMessage(),
                                                  BitSet.valueOf(t.mustStore())));
        }
        return new PhaseTotals(sent, notSent, acked, refused, duplicateAcks, unknownAcks, expected, delivered,
                               duplicates, echoes, foreign, errors, kinds, latency, ackLatency, mustStore, receipts,
                               start == Long.MAX_VALUE ? 0 : start, end, sendTime, lastDelivery, lag, stillOpen,
                               closed, cpu, expectations);
    }

    /** Sent messages that neither an ack nor a refusal answered (meaningful with acks only). */
    public long unanswered() {
        return Math.max(0, sent - acked - refused);
    }

    /** Expected deliveries that did not arrive. */
    public long missingDeliveries() {
        return Math.max(0, expectedDeliveries - delivered);
    }
}
