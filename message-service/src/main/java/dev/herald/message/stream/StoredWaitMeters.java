package dev.herald.message.stream;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long reads wait for the persistence watermark ({@code herald_stored_wait_duration_seconds}) and how often
 * they give up and read what is stored ({@code herald_stored_wait_timeouts_total}): a rising count means the
 * persistence-worker is behind or stopped.
 */
public final class StoredWaitMeters {

    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final Timer waits;
    private final Counter timeouts;

    public StoredWaitMeters(MeterRegistry registry) {
        requireNonNull(registry, "registry");
        this.waits = Timer.builder("herald_stored_wait_duration_seconds")
                .description("Time reads waited for every earlier write to be stored")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        this.timeouts = Counter.builder("herald_stored_wait_timeouts")
                .description("Waits for the persistence watermark that ran out (the read saw what was stored)")
                .register(registry);
    }

    void record(long startedAt, boolean caughtUp) {
        waits.record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
        if (!caughtUp) {
            timeouts.increment();
        }
    }
}
