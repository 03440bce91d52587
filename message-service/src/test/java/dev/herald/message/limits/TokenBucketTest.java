package dev.herald.message.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long MS = 1_000_000L;

    @Test
    void aFullBucketGivesItsBurstThenTellsTheWaitForTheNextToken() {
        TokenBucket bucket = new TokenBucket(new Rate(4, 3), 0);

        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(250 * MS);
        assertThat(bucket.tryTake(100 * MS)).isEqualTo(150 * MS);
        assertThat(bucket.tryTake(250 * MS)).isZero();
        assertThat(bucket.tryTake(250 * MS)).isEqualTo(250 * MS);
    }

    @Test
    void aRefusedCallTakesNothing() {
        TokenBucket bucket = new TokenBucket(new Rate(1, 1), 0);
        assertThat(bucket.tryTake(0)).isZero();

        for (int i = 0; i < 100; i++) {
            assertThat(bucket.tryTake(i * MS)).isEqualTo((1000 - i) * MS);
        }
        assertThat(bucket.tryTake(1000 * MS)).isZero();
    }

    @Test
    void refillsAtTheRateUpToTheBurstOnly() {
        TokenBucket bucket = new TokenBucket(new Rate(10, 5), 0);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(0)).isZero();
        }

        long anHourLater = Duration.ofHours(1).toNanos();
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(anHourLater)).isZero();
        }
        assertThat(bucket.tryTake(anHourLater)).isEqualTo(100 * MS);
    }

    @Test
    void sustainsExactlyTheRate() {
        TokenBucket bucket = new TokenBucket(new Rate(100, 1), 0);
        int admitted = 0;
        for (long t = 0; t < Duration.ofSeconds(10).toNanos(); t += MS) {
            if (bucket.tryTake(t) == 0) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(1000);
    }

    @Test
    void rateNamesABadValue() {
        assertThatThrownBy(() -> new Rate(0, 1)).hasMessage("perSecond: 0 (expected: > 0)");
        assertThatThrownBy(() -> new Rate(1, -2)).hasMessage("burst: -2 (expected: > 0)");
        assertThat(new Rate(300, 600).refillTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(new Rate(3, 1).refillTime()).isEqualTo(Duration.ofNanos(333_333_334));
    }
}
