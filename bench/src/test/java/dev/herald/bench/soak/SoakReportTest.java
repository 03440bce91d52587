package dev.herald.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.measure.MinuteWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SoakReportTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void joins_each_minutes_traffic_with_the_heaps_read_at_its_end() {
        MinuteWindows windows = traffic(3);
        List<HeapMinute> heaps = List.of(heap(1, 50.0), heap(2, 60.0), heap(3, 65.0));

        SoakReport report = SoakReport.of(windows.snapshot(), heaps, 10);

        assertThat(report.minutes()).isEqualTo(3);
        assertThat(report.perMinute()).extracting(SoakReport.Minute::sent).containsExactly(2L, 2L, 2L);
        assertThat(report.perMinute().get(1).heap()).extracting(ServiceHeap::oldGenMb).containsExactly(60.0);
        assertThat(report.perMinute().get(1).heapReadS()).isEqualTo(1.5);
        assertThat(report.oldGenAfterFullGc()).singleElement()
                .satisfies(c -> assertThat(c.changePct()).isEqualTo(8.3));
        assertThat(report.heapWithinTolerance()).isTrue();
        assertThat(report.heapPassed()).isTrue();
    }

    @Test
    void one_service_past_the_tolerance_fails_the_heap_verdict() {
        SoakReport report = SoakReport.of(traffic(3).snapshot(),
                                          List.of(heap(1, 50.0), heap(2, 60.0), heap(3, 66.1)), 10);

        assertThat(report.heapWithinTolerance()).isFalse();
        assertThat(report.heapPassed()).isFalse();
    }

    @Test
    void without_server_readings_the_heap_is_not_checked_and_the_minutes_have_no_heap() {
        SoakReport report = SoakReport.of(traffic(2).snapshot(), List.of(), 10);

        assertThat(report.perMinute()).allSatisfy(m -> assertThat(m.heap()).isEmpty())
                .allSatisfy(m -> assertThat(m.heapReadS()).isNull());
        assertThat(report.heapWithinTolerance()).isNull();
        assertThat(report.heapPassed()).isTrue();
    }

    /** Two messages sent, acked and delivered in each of {@code minutes} minutes. */
    private static MinuteWindows traffic(int minutes) {
        MinuteWindows windows = new MinuteWindows(minutes);
        windows.start(0);
        for (int m = 0; m < minutes; m++) {
            for (long at : new long[] {m * MINUTE + 1, m * MINUTE + MINUTE / 2}) {
                windows.sent(at);
                windows.acked(at);
                windows.delivered(at, at + 1_000_000);
            }
        }
        return windows;
    }

    private static HeapMinute heap(int minute, double oldGenMb) {
        return new HeapMinute(minute, List.of(new ServiceHeap("gateway-service", 11, oldGenMb, 0.0,
                                                              oldGenMb + 30)),
                              1.5);
    }
}
