package dev.herald.gateway.backend;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How an adaptive {@link CallBudget} moves its limit after each window of calls, from what the window measured: an
 * AIMD rule on the calls' queueing, their mean latency (Little's law: the time calls spent in flight over the calls
 * that ended) less what a call takes without a queue (its mean latency in windows with few calls in flight: a
 * machine busy with other work makes every call slow, and refusing calls would not make them faster). When calls queue longer than the
 * target on average, the limit drops to the concurrency that would keep them at the target at the rate they
 * completed ({@code completions per second × (baseline + target)}, and by at most half a window), so the backlog
 * stays bounded in time rather than in count and the excess is refused at once instead of queueing. When calls queue
 * less and the limit was what turned calls away (or nearly full), it grows by an eighth: from the floor to the
 * ceiling of the defaults in about 4 s. It never leaves {@code [min, max]}.
 *
 * @param min     the floor: the limit never drops below it, whatever the latency
 * @param max     the ceiling and the starting limit ({@code HERALD_MAX_CALLS_IN_FLIGHT})
 * @param target  the mean queueing above which the limit shrinks
 * @param window  how long each measurement runs before the limit moves
 */
public record AdaptiveLimit(int min, int max, Duration target, Duration window) {

    /** Fewer calls ended than this are too few to move the limit on: the window runs on, up to ten windows. */
    static final int MIN_COMPLETIONS = 8;

    public AdaptiveLimit {
        if (min <= 0) {
            throw new IllegalArgumentException("min: " + min + " (expected: > 0)");
        }
        if (max < min) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= min " + min + ")");
        }
        requireNonNull(target, "target");
        requireNonNull(window, "window");
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("target: " + target + " (expected: > 0)");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window: " + window + " (expected: > 0)");
        }
    }

    /**
     * The limit after a window of {@code elapsedNanos} in which calls spent {@code busyNanos} in flight in all and
     * {@code completions} ended; {@code baselineNanos} is a call's latency without a queue, {@code full} whether the limit turned a call away or was at least half used.
     */
    int next(int limit, long elapsedNanos, long busyNanos, long completions, long baselineNanos, boolean full) {
        if (completions == 0) {
            // Nothing ended: idle, or stalled with every slot taken, when the excess is refused already and the
            // calls' deadline will end them (their latency then brings the limit down).
            return limit;
        }
        long targetNanos = target.toNanos();
        double meanLatencyNanos = (double) busyNanos / completions;
        if (meanLatencyNanos - baselineNanos > targetNanos) {
            double fit = completions * (double) (baselineNanos + targetNanos) / elapsedNanos;
            return clamp((int) Math.min(limit, Math.max(fit, limit / 2.0)));
        }
        return full ? clamp(limit + Math.max(1, limit / 8)) : limit;
    }

    private int clamp(int limit) {
        return Math.min(max, Math.max(min, limit));
    }
}
