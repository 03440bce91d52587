package dev.herald.message.stream;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * What publishing to JetStream costs and how it fails: {@code herald_jetstream_publish_duration_seconds} from the
 * publish to JetStream's ack (the moment a write is durable), and {@code herald_jetstream_publish_errors_total} by
 * {@code reason}: {@code timeout} (no ack in time), {@code jetstream} (the server refused it),
 * {@code connection} (no connection to publish on, or it broke), {@code other}.
 */
public final class PublishMeters {

    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Timer acked;
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    public PublishMeters(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
        this.acked = Timer.builder("herald_jetstream_publish_duration_seconds")
                .description("Time from publishing a write to JetStream's ack")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** Records a publish started at {@code startedAt} ({@link System#nanoTime()}): acked, or failed with a cause. */
    void record(long startedAt, @Nullable Throwable failure) {
        if (failure == null) {
            acked.record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
        } else {
            failed(failure);
        }
    }

    void failed(Throwable failure) {
        errors.computeIfAbsent(reason(failure), reason -> Counter.builder("herald_jetstream_publish_errors")
                .description("Publishes JetStream did not ack, by reason")
                .tag("reason", reason)
                .register(registry)).increment();
    }

    static String reason(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "timeout";
        }
        if (cause instanceof JetStreamApiException) {
            return "jetstream";
        }
        return cause instanceof IOException || cause instanceof IllegalStateException ? "connection" : "other";
    }
}
