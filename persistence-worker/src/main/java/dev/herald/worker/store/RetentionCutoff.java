package dev.herald.worker.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * How long messages are kept ({@code HERALD_RETENTION_DAYS}): messages created before {@link #cutoff()} are deleted by
 * the retention run and never stored again by the worker (a redelivered or replayed event of one is dropped, and its
 * event deleted from the stream), so the run's work is not undone.
 */
public final class RetentionCutoff {

    /** No retention: messages are kept forever. */
    public static final RetentionCutoff KEEP_FOREVER = new RetentionCutoff(Duration.ZERO, Clock.systemUTC());

    private final Duration keep;
    private final Clock clock;

    private RetentionCutoff(Duration keep, Clock clock) {
        this.keep = keep;
        this.clock = clock;
    }

    /** Keeps messages for {@code days} days ({@code 0}: forever) by {@code clock}. */
    public static RetentionCutoff days(int days, Clock clock) {
        if (days < 0) {
            throw new IllegalArgumentException("days: " + days + " (expected: >= 0)");
        }
        return new RetentionCutoff(Duration.ofDays(days), requireNonNull(clock, "clock"));
    }

    /** Whether messages are deleted at all. */
    public boolean isEnabled() {
        return !keep.isZero();
    }

    /** Messages created before this are expired; empty when they are kept forever. */
    public Optional<OffsetDateTime> cutoff() {
        return isEnabled() ? Optional.of(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(keep))
                : Optional.empty();
    }
}
