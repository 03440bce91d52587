package dev.herald.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PeriodicCheckTest {

    @Test
    void answersTheFirstProbeAtOnceThenFollowsTheDependency() {
        AtomicBoolean up = new AtomicBoolean(true);
        try (PeriodicCheck check = PeriodicCheck.start("db", Duration.ofMillis(20), Duration.ofSeconds(30),
                () -> up.get() ? ReadinessCheck.Status.ready("reachable") : ReadinessCheck.Status.notReady("down"))) {
            assertThat(check.check()).isEqualTo(ReadinessCheck.Status.ready("reachable"));

            up.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !check.check().ready());
            assertThat(check.check().detail()).isEqualTo("down");
        }
    }

    @Test
    void aProbeThatThrowsIsNotReadyWithItsMessage() {
        try (PeriodicCheck check = PeriodicCheck.start("db", Duration.ofSeconds(1), Duration.ofSeconds(30), () -> {
            throw new IllegalStateException("connection refused");
        })) {
            assertThat(check.check()).isEqualTo(ReadinessCheck.Status.notReady("connection refused"));
        }
    }

    @Test
    void anOutcomeOlderThanStaleAfterIsNotReady() {
        CountDownLatch hang = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        try (PeriodicCheck check = PeriodicCheck.start("db", Duration.ofMillis(10), Duration.ofMillis(300), () -> {
            if (!first.getAndSet(false)) {
                try {
                    hang.await(); // a probe that never returns, like a query to a host that dropped off
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ReadinessCheck.Status.ready("reachable");
        })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !check.check().ready());
            assertThat(check.check().detail()).startsWith("no answer for ").endsWith("(last: reachable)");
        } finally {
            hang.countDown();
        }
    }

    @Test
    void refusesAStalenessBoundNotAboveTheInterval() {
        assertThatThrownBy(() -> PeriodicCheck.start("db", Duration.ofSeconds(5), Duration.ofSeconds(5),
                () -> ReadinessCheck.Status.ready("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: 0 < every < staleAfter");
    }
}
