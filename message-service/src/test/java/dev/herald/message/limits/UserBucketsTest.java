package dev.herald.message.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UserBucketsTest {

    private final ManualTicker ticker = new ManualTicker();

    @Test
    void eachCallerHasItsOwnBucket() {
        UserBuckets buckets = new UserBuckets(new Rate(1, 2), 100, ticker);

        assertThat(buckets.tryTake("alice")).isZero();
        assertThat(buckets.tryTake("alice")).isZero();
        assertThat(buckets.tryTake("alice")).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(buckets.tryTake("bob")).isZero();
        assertThat(buckets.tryTake("bob")).isZero();
    }

    @Test
    void aFloodOfDistinctCallersNeverHoldsMoreThanTheBound() {
        UserBuckets buckets = new UserBuckets(new Rate(1, 1), 1_000, ticker);

        for (int i = 0; i < 50_000; i++) {
            assertThat(buckets.tryTake("user-" + i)).isZero();
            assertThat(buckets.size()).isLessThanOrEqualTo(1_000);
        }
    }

    @Test
    void aCallerFloodingAlongsideDistinctCallersStaysLimited() {
        UserBuckets buckets = new UserBuckets(new Rate(1, 1), 1_000, ticker);
        assertThat(buckets.tryTake("mallory")).isZero();

        for (int i = 0; i < 20_000; i++) {
            buckets.tryTake("sybil-" + i);
            assertThat(buckets.tryTake("mallory")).as("call %s", i).isPositive();
        }
    }

    @Test
    void idleBucketsAreDroppedOnceTheyWouldBeFullAgain() {
        UserBuckets buckets = new UserBuckets(new Rate(10, 20), 1_000, ticker); // refills in 2 s
        for (int i = 0; i < 500; i++) {
            buckets.tryTake("user-" + i);
        }
        assertThat(buckets.size()).isEqualTo(500);

        ticker.advance(Duration.ofMillis(1_999));
        assertThat(buckets.tryTake("user-0")).isZero(); // used: kept
        ticker.advance(Duration.ofMillis(1));
        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void aCallerComingBackAfterItsBucketWasDroppedHasAFullBurstAsItWouldHaveHad() {
        UserBuckets buckets = new UserBuckets(new Rate(10, 3), 1_000, ticker);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.tryTake("alice")).isZero();
        }
        assertThat(buckets.tryTake("alice")).isPositive();

        ticker.advance(Duration.ofMillis(300));
        assertThat(buckets.size()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.tryTake("alice")).isZero();
        }
        assertThat(buckets.tryTake("alice")).isEqualTo(Duration.ofMillis(100).toNanos());
    }
}
