package dev.herald.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapTrendTest {

    private final HeapTrend trend = new HeapTrend(10);

    @Test
    void compares_the_last_minute_with_minute_2_and_passes_growth_up_to_the_tolerance() {
        List<HeapMinute> minutes = minutes(10, 1, "gateway-service", 80.0, 100.0, 110.0);

        HeapComparison c = trend.compare(minutes).getFirst();

        assertThat(c.baselineMinute()).isEqualTo(2);
        assertThat(c.baselineOldGenMb()).isEqualTo(100.0);
        assertThat(c.lastMinute()).isEqualTo(10);
        assertThat(c.lastOldGenMb()).isEqualTo(110.0);
        assertThat(c.changePct()).isEqualTo(10.0);
        assertThat(c.withinTolerance()).isTrue();
    }

    @Test
    void fails_growth_past_the_tolerance_and_passes_any_shrinking() {
        HeapComparison grew = trend.compare(minutes(10, 1, "gateway-service", 50.0, 100.0, 110.2)).getFirst();
        HeapComparison shrank = trend.compare(minutes(10, 1, "gateway-service", 50.0, 100.0, 60.0)).getFirst();

        assertThat(grew.withinTolerance()).isFalse();
        assertThat(grew.changePct()).isEqualTo(10.2);
        assertThat(shrank.withinTolerance()).isTrue();
        assertThat(shrank.changePct()).isEqualTo(-40.0);
    }

    @Test
    void judges_every_service_on_its_own() {
        List<HeapMinute> minutes = new ArrayList<>();
        for (int m = 1; m <= 4; m++) {
            minutes.add(new HeapMinute(m, List.of(
                    new ServiceHeap("gateway-service", 1, 100.0 + m, 0.0, 120.0),
                    new ServiceHeap("persistence-worker", 2, 10.0 * m, 0.0, 20.0)), 1.0));
        }

        List<HeapComparison> comparisons = trend.compare(minutes);

        assertThat(comparisons).extracting(HeapComparison::service)
                .containsExactly("gateway-service", "persistence-worker");
        assertThat(comparisons).extracting(HeapComparison::withinTolerance).containsExactly(true, false);
    }

    @Test
    void a_run_shorter_than_three_minutes_compares_with_minute_1() {
        HeapComparison c = trend.compare(minutes(2, 7, "message-service", 40.0, 0.0, 0.0)).getFirst();

        assertThat(HeapTrend.baselineMinute(2)).isEqualTo(1);
        assertThat(HeapTrend.baselineMinute(3)).isEqualTo(2);
        assertThat(c.baselineMinute()).isEqualTo(1);
        assertThat(c.baselineOldGenMb()).isEqualTo(40.0);
        assertThat(c.lastMinute()).isEqualTo(2);
    }

    @Test
    void a_reading_missing_at_either_end_fails_and_no_readings_compare_nothing() {
        List<HeapMinute> minutes = List.of(
                new HeapMinute(1, List.of(new ServiceHeap("gateway-service", 1, 10.0, 0.0, 20.0)), 1.0),
                new HeapMinute(2, List.of(new ServiceHeap("gateway-service", 1, 10.0, 0.0, 20.0)), 1.0),
                new HeapMinute(3, List.of(new ServiceHeap("gateway-service", 1, null, 0.0, null)), 1.0));

        HeapComparison c = trend.compare(minutes).getFirst();

        assertThat(c.lastOldGenMb()).isNull();
        assertThat(c.changePct()).isNull();
        assertThat(c.withinTolerance()).isFalse();
        assertThat(trend.compare(List.of())).isEmpty();
    }

    /** {@code last} minutes of one service: minute 1, minute 2 and the last as given, 100 MB in between. */
    private static List<HeapMinute> minutes(int last, long pid, String service, double first, double second,
                                            double end) {
        List<HeapMinute> minutes = new ArrayList<>();
        for (int m = 1; m <= last; m++) {
            double mb = m == 1 ? first : m == last ? end : m == 2 ? second : 100.0;
            minutes.add(new HeapMinute(m, List.of(new ServiceHeap(service, pid, mb, 0.0, mb + 20)), 1.0));
        }
        return minutes;
    }
}
