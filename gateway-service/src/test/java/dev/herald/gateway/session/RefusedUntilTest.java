package dev.herald.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.gateway.protocol.FrameException;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefusedUntilTest {

    private static final long NOW = 1_000_000_000L;

    private final RefusedUntil refused = new RefusedUntil();

    @Test
    void aRateRefusalBlocksTheSameEventUntilItsDelayHasPassed() {
        refused.remember("sync", overRate(250), NOW);

        assertThat(refused.remainingMs("sync", NOW)).hasValue(250);
        assertThat(refused.remainingMs("sync", NOW + TimeUnit.MILLISECONDS.toNanos(249))).hasValue(1);
        assertThat(refused.remainingMs("sync", NOW + TimeUnit.MILLISECONDS.toNanos(250))).isEmpty();
        assertThat(refused.remainingMs("inbox", NOW)).as("another event").isEmpty();
    }

    @Test
    void otherFailuresAreNotRemembered() {
        refused.remember("message", new FrameException(Status.Code.RESOURCE_EXHAUSTED, "gateway busy", null), NOW);
        refused.remember("sync", new FrameException(Status.Code.UNAVAILABLE, "down", null).withRetryAfterMs(50), NOW);

        assertThat(refused.remainingMs("message", NOW)).isEmpty();
        assertThat(refused.remainingMs("sync", NOW)).isEmpty();
    }

    @Test
    void aLaterRefusalReplacesTheEarlierOne() {
        refused.remember("message", overRate(100), NOW);
        refused.remember("message", overRate(10), NOW + TimeUnit.MILLISECONDS.toNanos(50));

        assertThat(refused.remainingMs("message", NOW + TimeUnit.MILLISECONDS.toNanos(50))).hasValue(10);
    }

    private static FrameException overRate(long millis) {
        return new FrameException(Status.Code.RESOURCE_EXHAUSTED, "too many sends", null).withRetryAfterMs(millis);
    }
}
