package dev.herald.message.limits;

import java.time.Duration;

/**
 * A token bucket's setting: {@code perSecond} tokens are added every second, up to {@code burst}; a call takes
 * one. A caller idle for {@link #refillTime} has a full bucket again.
 *
 * @param perSecond tokens added per second (the sustained rate)
 * @param burst     tokens a full bucket holds (calls that may come at once)
 */
public record Rate(int perSecond, int burst) {

    public Rate {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond: " + perSecond + " (expected: > 0)");
        }
        if (burst <= 0) {
            throw new IllegalArgumentException("burst: " + burst + " (expected: > 0)");
        }
    }

    /** How long an empty bucket takes to fill up. */
    Duration refillTime() {
        return Duration.ofNanos(Math.ceilDiv(burst * 1_000_000_000L, perSecond));
    }
}
