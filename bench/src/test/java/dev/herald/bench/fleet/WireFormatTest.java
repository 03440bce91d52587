package dev.herald.bench.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.bench.measure.Histogram;
import dev.herald.bench.measure.TrafficCounts;
import dev.herald.bench.report.ConnectReport;
import dev.herald.bench.report.PhaseReport;
import dev.herald.bench.report.PhaseTotals;
import dev.herald.bench.report.WorkerReport;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private final WireFormat wire = new WireFormat(new ObjectMapper());

    @Test
    void workerReportsSurviveTheTripToTheParent() throws Exception {
        final Histogram latency = new Histogram();
        latency.record(1_234);
        latency.record(98_765);
        final BitSet mustStore = new BitSet();
        mustStore.set(0);
        mustStore.set(70);
        final TrafficCounts traffic = new TrafficCounts(71, 0, 2, 1, 0, 0, 3, 210, 209, 1, 0, 4, 1,
                                                        Map.of("INVALID_ARGUMENT", 1L), latency.snapshot(),
                                                        latency.snapshot(), 2, mustStore.toByteArray());
        final WorkerReport report = new WorkerReport(
                1, new ConnectReport(5, 5, 0, 1, 2, latency.snapshot(), Map.of()),
                new PhaseReport(traffic, 10, 20, 0.01, 30, 1.5, 5, 0, 2.25));

        final String line = wire.report(report);
        assertThat(line).startsWith("REPORT ").doesNotContain("\n");
        final WorkerReport back = wire.readReport(line);
        assertThat(back).usingRecursiveComparison().isEqualTo(report);
        assertThat(BitSet.valueOf(back.phase().traffic().mustStore())).isEqualTo(mustStore);
        assertThat(PhaseTotals.of(List.of(back)).latencyMicros().max()).isEqualTo(98_765);
    }

    @Test
    void connectReportsToo() throws Exception {
        final ConnectReport report = new ConnectReport(3, 2, 1, 5, 6, new Histogram().snapshot(),
                                                       Map.of("online timeout", 1L));
        assertThat(wire.readReady(wire.ready(report))).usingRecursiveComparison().isEqualTo(report);
    }
}
