package dev.herald.message.limits;

import static java.util.Objects.requireNonNull;

/**
 * What one caller (a verified user id) may cost this instance.
 *
 * @param sends         the bucket of {@link CallKind#SEND} calls per user ({@code HERALD_USER_SEND_RATE},
 *                      {@code HERALD_USER_SEND_BURST})
 * @param reads         the bucket of {@link CallKind#READ} calls per user ({@code HERALD_USER_READ_RATE},
 *                      {@code HERALD_USER_READ_BURST})
 * @param maxConcurrent calls of one caller in flight at once ({@code HERALD_CALLER_MAX_CONCURRENT})
 */
public record CallerLimits(Rate sends, Rate reads, int maxConcurrent) {

    public CallerLimits {
        requireNonNull(sends, "sends");
        requireNonNull(reads, "reads");
        if (maxConcurrent <= 0) {
            throw new IllegalArgumentException("maxConcurrent: " + maxConcurrent + " (expected: > 0)");
        }
    }

    Rate rate(CallKind kind) {
        return kind == CallKind.SEND ? sends : reads;
    }
}
