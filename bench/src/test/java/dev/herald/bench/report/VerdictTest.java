package dev.herald.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.measure.Histogram;
import dev.herald.bench.measure.LatencySummary;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void cleanRunPasses() {
        assertThat(Verdict.of(send(0, 0), persistence(0, 0, 0, null)).passed()).isTrue();
        assertThat(Verdict.of(null, null).passed()).isTrue();
    }

    @Test
    void aMissingRowIsLost() {
        final Verdict verdict = Verdict.of(send(0, 0), persistence(1, 0, 0, null));
        assertThat(verdict.zeroLost()).isFalse();
        assertThat(verdict.zeroDuplicated()).isTrue();
    }

    @Test
    void missingReceiptsAndDeliveriesAreLost() {
        assertThat(Verdict.of(send(0, 0), persistence(0, 2, 0, null)).zeroLost()).isFalse();
        assertThat(Verdict.of(send(1, 0), null).zeroLost()).isFalse();
    }

    @Test
    void duplicateDeliveriesAndRowsAreDuplicated() {
        assertThat(Verdict.of(send(0, 1), null).zeroDuplicated()).isFalse();
        assertThat(Verdict.of(send(0, 0), persistence(0, 0, 1, null)).zeroDuplicated()).isFalse();
    }

    @Test
    void aCheckThatCouldNotRunProvesNothing() {
        final Verdict verdict = Verdict.of(send(0, 0), persistence(0, 0, 0, "connection refused"));
        assertThat(verdict.zeroLost()).isFalse();
        assertThat(verdict.zeroDuplicated()).isFalse();
    }

    private static RunReport.Send send(long missing, long duplicates) {
        final LatencySummary none = LatencySummary.ofMicros(new Histogram());
        return new RunReport.Send(10, 10, 0, 1, 10, 0, 10L, 0, 0, none, 10, 10 - missing, missing, duplicates, 1.0,
                                  10, 0.0, none, 0, Map.of(), 0, 0, 0, null, null, null, null, null, null, null,
                                  null);
    }

    private static RunReport.Persistence persistence(long lost, long receiptsMissing, long duplicated,
                                                     String error) {
        return new RunReport.Persistence(10, 10, "acked", 10, 1.0, 10, 10, 1.0, 10, lost, receiptsMissing,
                                         duplicated, 0, true, 1, 10.0, 0.5, error);
    }
}
