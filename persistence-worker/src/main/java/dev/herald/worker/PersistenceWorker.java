package dev.herald.worker;

import static java.util.Objects.requireNonNull;

import dev.herald.schema.Database;
import dev.herald.worker.config.WorkerConfig;
import dev.herald.worker.consume.BatchConsumer;
import dev.herald.worker.consume.ConsumerStats;
import dev.herald.worker.consume.WorkerMeters;
import dev.herald.worker.ops.WorkerOperations;
import dev.herald.worker.store.BatchWriter;
import dev.herald.worker.store.DeadLetterWriter;
import dev.herald.worker.retention.RetentionRun;
import dev.herald.worker.retention.RetentionSchedule;
import dev.herald.worker.store.RetentionCutoff;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistence-worker: one thread pulling batches from the durable consumer and writing them
 * to PostgreSQL. It owns the NATS connection and the database it is given and closes both.
 */
public final class PersistenceWorker implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(PersistenceWorker.class);

    /** Beyond the ack wait, how long {@link #close()} waits for the last batch. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

    private final WorkerConfig config;
    private final Connection nats;
    private final Database database;
    private final ConsumerStats stats = new ConsumerStats();
    private final PrometheusMeterRegistry registry;
    private @Nullable BatchConsumer consumer;
    private @Nullable WorkerOperations ops;
    private @Nullable Thread thread;
    private @Nullable RetentionSchedule retention;
    private boolean closed;

    /**
     * @param registry the worker's meters ({@code ServiceMeters.create("persistence-worker")}, the one the database
     *     pool reports to as well): served on {@code /metrics}, closed with the worker
     */
    public PersistenceWorker(WorkerConfig config, Connection nats, Database database,
            PrometheusMeterRegistry registry) {
        this.config = requireNonNull(config, "config");
        this.nats = requireNonNull(nats, "nats");
        this.database = requireNonNull(database, "database");
        this.registry = requireNonNull(registry, "registry");
    }

    /**
     * Creates or updates the durable consumer, starts pulling, and serves {@code /metrics} and {@code /health/*}.
     * The stream must exist.
     */
    public synchronized void start() throws IOException, JetStreamApiException {
        if (consumer != null || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        RetentionCutoff cutoff = RetentionCutoff.days(config.retention().days(), Clock.systemUTC());
        consumer = BatchConsumer.subscribe(nats, config, new BatchWriter(database.dsl(), config.copy(), cutoff),
                new DeadLetterWriter(database.dsl()), stats, new WorkerMeters(registry, stats));
        thread = new Thread(consumer, "persistence-worker");
        thread.start();
        if (cutoff.isEnabled()) {
            retention = new RetentionSchedule(retentionRun(cutoff), config.retention().interval());
            retention.start();
        }
        ops = WorkerOperations.start(config, nats, database, consumer, registry);
        logger.atInfo().addKeyValue("stream", config.events().stream())
                .addKeyValue("consumer", config.events().workerDurable())
                .addKeyValue("batchSize", config.batchSize()).log("persistence-worker started");
    }

    /** One retention run of this worker's configuration (what its schedule runs). */
    public RetentionRun retentionRun(RetentionCutoff cutoff) throws IOException {
        return new RetentionRun(database.dsl(), cutoff, config.retention(), nats.jetStreamManagement(),
                config.events().stream(), config.events().subjectPrefix() + ".message", config.events().workerDurable());
    }

    /** The port of {@code /metrics} and {@code /health/*} once started (useful with {@code HERALD_OPS_PORT=0}). */
    public int opsPort() {
        if (ops == null) {
            throw new IllegalStateException("not started");
        }
        return ops.port();
    }

    /** Counters of what this worker stored, dead-lettered and retried. */
    public ConsumerStats stats() {
        return stats;
    }

    /**
     * Stops pulling, finishes, commits and acks the current batch (and what was already pulled),
     * flushes the acks, then closes the NATS connection and the database pool.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (retention != null) {
            retention.close();
        }
        if (consumer != null && thread != null) {
            consumer.stop();
            awaitLoop(thread);
        }
        try {
            nats.flush(FLUSH_TIMEOUT);
        } catch (TimeoutException e) {
            // NATS is unreachable: unsent acks are lost and those messages redelivered; harmless.
            logger.atWarn().addKeyValue("timeoutMs", FLUSH_TIMEOUT.toMillis())
                    .log("could not flush the acks to NATS; their messages will be redelivered");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
        if (ops != null) {
            ops.close();
        }
        registry.close();
        logger.atInfo().addKeyValue("stats", stats).log("persistence-worker closed");
    }

    private void awaitLoop(Thread loop) {
        try {
            loop.join(config.ackWait().plus(CLOSE_GRACE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loop.isAlive()) {
            // A write hangs; closing the pool below fails it, and its messages are redelivered.
            logger.atWarn().addKeyValue("waitedMs", config.ackWait().plus(CLOSE_GRACE).toMillis())
                    .log("the last batch did not finish; closing anyway");
        }
    }
}
