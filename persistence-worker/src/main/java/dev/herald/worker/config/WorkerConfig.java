package dev.herald.worker.config;

import static java.util.Objects.requireNonNull;

import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import dev.herald.logging.LogSettings;
import dev.herald.observability.OpsSettings;
import dev.herald.schema.DatabaseConfig;
import dev.herald.stream.StreamSettings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Settings of the persistence-worker. Its own variables, with their defaults:
 *
 * <ul>
 *   <li>{@code HERALD_WORKER_BATCH_SIZE} (4000, 1 to 10000): most events written in one transaction.
 *   <li>{@code HERALD_WORKER_BATCH_MAX_WAIT_MS} (50): how long a batch waits to fill up.
 *   <li>{@code HERALD_WORKER_PULL_AHEAD_BATCHES} (3, 1 to {@value #MAX_PULL_AHEAD_BATCHES}): how many batches the
 *       client keeps pulled ahead, so the next one is there when a write ends.
 *   <li>{@code HERALD_WORKER_ACK_WAIT_SECONDS} (30): after this long unacked, JetStream redelivers.
 *   <li>{@code HERALD_WORKER_MAX_BACKOFF_MS} (5000): cap of the redelivery delay after a failure.
 *   <li>{@code HERALD_WORKER_COPY} (true): write new messages and receipts by COPY, falling back to on-conflict
 *       inserts for a batch with stored rows; false: on-conflict inserts only.
 * </ul>
 *
 * Retention ({@code HERALD_RETENTION_*}) is {@link RetentionSettings}. The stream and the durable consumer ({@code HERALD_NATS_*}, {@code HERALD_WORKER_DURABLE}) are
 * {@link StreamSettings}, the database ({@code HERALD_DB_*}) {@link DatabaseConfig}, the logging
 * ({@code HERALD_LOG_*}) {@link LogSettings}, the operations endpoint ({@code HERALD_OPS_HOST},
 * {@code HERALD_OPS_PORT}, default port {@value #DEFAULT_OPS_PORT}) {@link OpsSettings}.
 *
 * @param events where the event stream is and the worker's durable consumer on it
 */
public record WorkerConfig(
        StreamSettings events,
        int batchSize,
        Duration batchMaxWait,
        int pullAheadBatches,
        Duration ackWait,
        Duration maxBackoff,
        boolean copy,
        RetentionSettings retention,
        DatabaseConfig database,
        LogSettings log,
        OpsSettings ops) {

    /** Where {@code /metrics} and {@code /health/*} are served unless {@code HERALD_OPS_PORT} says otherwise. */
    public static final int DEFAULT_OPS_PORT = 9290;

    /**
     * Pulled-ahead plus in-flight messages must stay below the consumer's {@code max_ack_pending}
     * of twenty batches, with room for other workers sharing it.
     */
    public static final int MAX_PULL_AHEAD_BATCHES = 5;

    public WorkerConfig {
        requireNonNull(events, "events");
        requireNonNull(batchMaxWait, "batchMaxWait");
        requireNonNull(ackWait, "ackWait");
        requireNonNull(maxBackoff, "maxBackoff");
        requireNonNull(retention, "retention");
        requireNonNull(database, "database");
        requireNonNull(log, "log");
        requireNonNull(ops, "ops");
    }

    /**
     * Reads the settings from environment variables, falling back to the defaults above.
     *
     * @throws ConfigException naming the first variable whose value cannot be used
     */
    public static WorkerConfig fromEnv(Map<String, String> variables) {
        Env env = Env.of(variables);
        return new WorkerConfig(
                StreamSettings.from(env),
                env.integer("HERALD_WORKER_BATCH_SIZE", 4000, 1, 10_000),
                env.duration("HERALD_WORKER_BATCH_MAX_WAIT_MS", 50, ChronoUnit.MILLIS, 1, Integer.MAX_VALUE),
                env.integer("HERALD_WORKER_PULL_AHEAD_BATCHES", 3, 1, MAX_PULL_AHEAD_BATCHES),
                env.duration("HERALD_WORKER_ACK_WAIT_SECONDS", 30, ChronoUnit.SECONDS, 1, Integer.MAX_VALUE),
                env.duration("HERALD_WORKER_MAX_BACKOFF_MS", 5000, ChronoUnit.MILLIS, 1, Integer.MAX_VALUE),
                env.bool("HERALD_WORKER_COPY", true),
                RetentionSettings.from(env),
                DatabaseConfig.from(env),
                LogSettings.fromEnv(env),
                OpsSettings.from(env, DEFAULT_OPS_PORT));
    }
}
