package dev.herald.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {

    private static final long MS = 1_000_000;
    private final AdaptiveLimit rule = new AdaptiveLimit(16, 1024, Duration.ofMillis(200), Duration.ofMillis(100));

    @Test
    void slowCallsBringTheLimitToWhatKeepsThemAtTheTarget() {
        // 500 calls ended in 100 ms (5,000/s) after 400 ms each: 5,000/s × 200 ms = 1,000, but at most the limit...
        assertThat(rule.next(1024, 100 * MS, 500 * 400 * MS, 500, 0, true)).isEqualTo(1000);
        // ...and never more than half the limit in one window.
        assertThat(rule.next(1024, 100 * MS, 50 * 2_000 * MS, 50, 0, true)).isEqualTo(512);
    }

    @Test
    void fastCallsGrowAFullLimitByAnEighth() {
        assertThat(rule.next(400, 100 * MS, 500 * 5 * MS, 500, 0, true)).isEqualTo(450);
        assertThat(rule.next(1000, 100 * MS, 500 * 5 * MS, 500, 0, true)).isEqualTo(1024);
    }

    @Test
    void fastCallsLeaveALimitNobodyFillsAlone() {
        assertThat(rule.next(400, 100 * MS, 50 * 5 * MS, 50, 0, false)).isEqualTo(400);
    }

    @Test
    void onlyTheLatencyAboveTheBaselineCountsAsQueueing() {
        // 400 ms each, but 350 ms of it is what a call takes anyway: 50 ms of queueing, under the target.
        assertThat(rule.next(400, 100 * MS, 500 * 400 * MS, 500, 350 * MS, true)).isEqualTo(450);
        // 800 ms with a 350 ms baseline: 450 ms of queueing; 5,000/s × (350 + 200) ms = 2,750, at most the limit.
        assertThat(rule.next(1024, 100 * MS, 500 * 800 * MS, 500, 350 * MS, true)).isEqualTo(1024);
        assertThat(rule.next(1024, 100 * MS, 100 * 800 * MS, 100, 350 * MS, true)).isEqualTo(550);
    }

    @Test
    void aWindowInWhichNothingEndedLeavesTheLimit() {
        assertThat(rule.next(400, 300 * MS, 100 * 300 * MS, 0, 0, true)).isEqualTo(400);
        assertThat(rule.next(400, 300 * MS, 0, 0, 0, false)).isEqualTo(400);
    }

    @Test
    void neverGoesBelowTheFloor() {
        assertThat(rule.next(20, 1_000 * MS, 10 * 5_000 * MS, 10, 0, true)).isEqualTo(16);
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> new AdaptiveLimit(0, 10, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageContaining("min: 0");
        assertThatThrownBy(() -> new AdaptiveLimit(20, 10, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageContaining("max: 10 (expected: >= min 20)");
        assertThatThrownBy(() -> new AdaptiveLimit(1, 10, Duration.ZERO, Duration.ofMillis(1)))
                .hasMessageContaining("target");
    }
}
