package dev.herald.worker.consume;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nats.client.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * What the batch loop does, as meters: each write transaction's size ({@code herald_worker_batch_size}) and time
 * ({@code herald_worker_batch_write_duration_seconds}, failed attempts included), what became of each event
 * ({@code herald_worker_events_total} by {@code outcome}: {@code stored}, {@code dead_lettered}, {@code retried}
 * when handed back for redelivery after a transient failure), dead letters, rejected and failed writes, and the
 * redelivered messages the worker received. The counts of {@link ConsumerStats} are read, not kept twice.
 */
public final class WorkerMeters {

    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};
    private static final double[] SIZES = {1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10_000};

    private final DistributionSummary batchSize;
    private final Timer writeDuration;
    private final Counter retried;
    private final Counter redeliveries;

    public WorkerMeters(MeterRegistry registry, ConsumerStats stats) {
        requireNonNull(registry, "registry");
        requireNonNull(stats, "stats");
        this.batchSize = DistributionSummary.builder("herald_worker_batch_size")
                .description("Events per write transaction")
                .serviceLevelObjectives(SIZES)
                .register(registry);
        this.writeDuration = Timer.builder("herald_worker_batch_write_duration_seconds")
                .description("Time of a batch's write transaction, failed attempts included")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        events(registry, "stored", stats, ConsumerStats::messages);
        events(registry, "dead_lettered", stats, ConsumerStats::deadLettered);
        this.retried = Counter.builder("herald_worker_events")
                .description("Events the worker settled, by outcome")
                .tag("outcome", "retried")
                .register(registry);
        FunctionCounter.builder("herald_worker_dead_letters", stats, ConsumerStats::deadLettered)
                .description("Stream records stored as dead letters (undecodable, or rejected by PostgreSQL)")
                .register(registry);
        FunctionCounter.builder("herald_worker_rejected_writes", stats, ConsumerStats::rejectedWrites)
                .description("Write transactions PostgreSQL rejected (each followed by a split or a dead letter)")
                .register(registry);
        FunctionCounter.builder("herald_worker_write_failures", stats, ConsumerStats::failures)
                .description("Write transactions that failed transiently, their events handed back")
                .register(registry);
        this.redeliveries = Counter.builder("herald_worker_redeliveries")
                .description("Messages received that JetStream had delivered before")
                .register(registry);
    }

    private static void events(MeterRegistry registry, String outcome, ConsumerStats stats,
            ToDoubleFunction<ConsumerStats> count) {
        FunctionCounter.builder("herald_worker_events", stats, count)
                .description("Events the worker settled, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    void received(List<Message> batch) {
        long again = 0;
        for (Message message : batch) {
            if (message.metaData().deliveredCount() > 1) {
                again++;
            }
        }
        if (again > 0) {
            redeliveries.increment(again);
        }
    }

    void wrote(int events, long startedAt) {
        batchSize.record(events);
        writeDuration.record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
    }

    void handedBack(int events) {
        retried.increment(events);
    }
}
