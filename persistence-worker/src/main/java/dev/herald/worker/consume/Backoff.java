package dev.herald.worker.consume;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Exponential delays for retries: {@code initial}, then doubling per attempt, never above
 * {@code max}. Growing delays let a database outage pass without a redelivery storm; the cap keeps
 * recovery prompt once it is back.
 */
record Backoff(Duration initial, Duration max) {

    /** The first delay, unless the cap is smaller. */
    static final Duration DEFAULT_INITIAL = Duration.ofMillis(100);

    Backoff {
        requireNonNull(initial, "initial");
        requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial: " + initial + " (expected: > 0)");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= initial " + initial + ")");
        }
    }

    /** Starts at 100 ms (or {@code max} if smaller) and doubles up to {@code max}. */
    static Backoff upTo(Duration max) {
        return new Backoff(max.compareTo(DEFAULT_INITIAL) < 0 ? max : DEFAULT_INITIAL, max);
    }

    /**
     * The delay before retry number {@code attempt} (1 for the first retry): for a redelivered
     * message, its delivered count.
     */
    Duration delay(long attempt) {
        if (attempt <= 1) {
            return initial;
        }
        // Doubling past 62 shifts overflows a long; the cap is reached long before in practice.
        int doublings = (int) Math.min(attempt - 1, 62);
        long maxMillis = max.toMillis();
        long initialMillis = initial.toMillis();
        if (initialMillis > (maxMillis >> doublings)) {
            return max;
        }
        return Duration.ofMillis(Math.min(maxMillis, initialMillis << doublings));
    }
}
