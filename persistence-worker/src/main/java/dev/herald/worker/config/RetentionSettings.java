package dev.herald.worker.config;

import static java.util.Objects.requireNonNull;

import dev.herald.config.Env;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * How long messages are kept and how the worker deletes the older ones:
 *
 * <ul>
 *   <li>{@code HERALD_RETENTION_DAYS} (0 = forever, up to 36500): messages older than this many days are deleted with
 *       their receipts and marks;
 *   <li>{@code HERALD_RETENTION_BATCH_SIZE} (1000, 1 to 100000): messages deleted per transaction;
 *   <li>{@code HERALD_RETENTION_PAUSE_MS} (100, 0 to 60000): the pause between two such transactions;
 *   <li>{@code HERALD_RETENTION_INTERVAL_MINUTES} (60, 1 to 10080): how often a run starts (the first one a minute
 *       after the worker starts).
 * </ul>
 */
public record RetentionSettings(int days, int batchSize, Duration pause, Duration interval) {

    public RetentionSettings {
        requireNonNull(pause, "pause");
        requireNonNull(interval, "interval");
    }

    static RetentionSettings from(Env env) {
        return new RetentionSettings(
                env.integer("HERALD_RETENTION_DAYS", 0, 0, 36_500),
                env.integer("HERALD_RETENTION_BATCH_SIZE", 1000, 1, 100_000),
                env.duration("HERALD_RETENTION_PAUSE_MS", 100, ChronoUnit.MILLIS, 0, 60_000),
                env.duration("HERALD_RETENTION_INTERVAL_MINUTES", 60, ChronoUnit.MINUTES, 1, 10_080));
    }

    /** Whether messages are ever deleted. */
    public boolean isEnabled() {
        return days > 0;
    }
}
