package dev.herald.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = Backoff.upTo(Duration.ofMillis(5000));

    @Test
    void doublesFromTheInitialDelay() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofMillis(3200));
    }

    @Test
    void isCappedAtTheMaximum() {
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofMillis(5000));
        assertThat(backoff.delay(63)).isEqualTo(Duration.ofMillis(5000));
        assertThat(backoff.delay(64)).isEqualTo(Duration.ofMillis(5000));
        assertThat(backoff.delay(Long.MAX_VALUE)).isEqualTo(Duration.ofMillis(5000));
    }

    @Test
    void firstAttemptAndNonsenseAttemptsGetTheInitialDelay() {
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(-5)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aCapBelowTheDefaultInitialDelayIsUsedThroughout() {
        Backoff small = Backoff.upTo(Duration.ofMillis(30));

        assertThat(small.delay(1)).isEqualTo(Duration.ofMillis(30));
        assertThat(small.delay(10)).isEqualTo(Duration.ofMillis(30));
    }

    @Test
    void rejectsAMaximumBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("max: ");
    }
}
