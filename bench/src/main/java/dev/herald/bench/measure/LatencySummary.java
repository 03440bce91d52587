package dev.herald.bench.measure;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Percentiles of a latency histogram in milliseconds with two decimals, as the seed stack's generator reports
 * them ({@code count, p50, p90, p99, max}), plus p99.9 and the mean. All but {@code count} are null when nothing
 * was recorded.
 */
public record LatencySummary(
        long count,
        @Nullable Double p50,
        @Nullable Double p90,
        @Nullable Double p99,
        @Nullable Double p999,
        @Nullable Double max,
        @Nullable Double mean) {

    /** Summarizes a histogram of microseconds. */
    public static LatencySummary ofMicros(Histogram micros) {
        requireNonNull(micros, "micros");
        if (micros.count() == 0) {
            return new LatencySummary(0, null, null, null, null, null, null);
        }
        return new LatencySummary(
                micros.count(),
                millis(micros.valueAtQuantile(0.50)),
                millis(micros.valueAtQuantile(0.90)),
                millis(micros.valueAtQuantile(0.99)),
                millis(micros.valueAtQuantile(0.999)),
                millis(micros.max()),
                Math.round(micros.mean() / 10.0) / 100.0);
    }

    private static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
