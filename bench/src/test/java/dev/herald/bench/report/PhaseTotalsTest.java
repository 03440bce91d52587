package dev.herald.bench.report;

import static dev.herald.bench.report.ReportFixtures.histogram;
import static dev.herald.bench.report.ReportFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.measure.Histogram;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseTotalsTest {

    @Test
    void mergesWorkerReportsExactly() {
        final BitSet first = new BitSet();
        first.set(0, 5);
        final BitSet second = new BitSet();
        second.set(0, 3);
        final List<WorkerReport> reports = List.of(
                worker(1, 3, 6, 1, second, histogram(300, 400, 5_000), 10_050, 20_050, 20_400),
                worker(0, 5, 9, 0, first, histogram(100, 200), 10_000, 20_000, 20_100));

        final PhaseTotals totals = PhaseTotals.of(reports);
        assertThat(totals.sent()).isEqualTo(8);
        assertThat(totals.notSent()).isEqualTo(2);
        assertThat(totals.acked()).isEqualTo(8);
        assertThat(totals.expectedDeliveries()).isEqualTo(16);
        assertThat(totals.delivered()).isEqualTo(15);
        assertThat(totals.missingDeliveries()).isEqualTo(1);
        assertThat(totals.duplicates()).isEqualTo(1);
        assertThat(totals.errors()).isEqualTo(2);
        assertThat(totals.errorKinds()).containsEntry("INTERNAL", 2L);
        assertThat(totals.mustStore()).isEqualTo(8);
        assertThat(totals.expectedReceipts()).isEqualTo(16);
        assertThat(totals.sendStartEpochMs()).isEqualTo(10_000);
        assertThat(totals.sendEndEpochMs()).isEqualTo(20_050);
        assertThat(totals.lastDeliveryEpochMs()).isEqualTo(20_400);
        assertThat(totals.sendTimeS()).isEqualTo(11.0);
        assertThat(totals.maxLagMs()).isEqualTo(3.0);
        assertThat(totals.stillOpen()).isEqualTo(18);
        assertThat(totals.closedUnexpectedly()).isEqualTo(1);
        assertThat(totals.cpuSeconds()).isEqualTo(3.0);

        final Histogram all = Histogram.of(histogram(100, 200, 300, 400, 5_000));
        assertThat(totals.latencyMicros().snapshot()).usingRecursiveComparison().isEqualTo(all.snapshot());
        assertThat(totals.ackLatencyMicros().count()).isEqualTo(2);

        assertThat(totals.expectations()).extracting(e -> e.worker()).containsExactly(0, 1);
        assertThat(totals.expectations().get(0).mustStore()).isEqualTo(first);
        assertThat(totals.expectations().get(1).mustStore()).isEqualTo(second);
    }

    @Test
    void mergesConnectPhases() {
        final BitSet none = new BitSet();
        final List<WorkerReport> reports = List.of(worker(0, 0, 0, 0, none, histogram(), 0, 0, 0),
                                                   worker(1, 0, 0, 0, none, histogram(), 0, 0, 0));
        final ConnectTotals totals = ConnectTotals.of(reports.stream().map(WorkerReport::connect).toList());
        assertThat(totals.attempted()).isEqualTo(20);
        assertThat(totals.established()).isEqualTo(18);
        assertThat(totals.failed()).isEqualTo(2);
        assertThat(totals.failureKinds()).containsEntry("online timeout", 2L);
        assertThat(totals.latencyMicros().count()).isEqualTo(4);
        assertThat(totals.seconds()).isEqualTo(1.001);
        assertThat(PhaseTotals.of(reports).sendStartEpochMs()).isZero();
    }
}
