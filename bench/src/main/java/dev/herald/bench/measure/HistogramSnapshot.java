package dev.herald.bench.measure;

import static java.util.Objects.requireNonNull;

/**
 * A {@link Histogram} in a form that travels as JSON between processes: {@code buckets} holds pairs
 * {@code [index, count, index, count, ...]} of the non-empty buckets; {@code min}, {@code max} and {@code sum}
 * are exact.
 */
public record HistogramSnapshot(int subBucketBits, long min, long max, double sum, long[] buckets) {

    public HistogramSnapshot {
        requireNonNull(buckets, "buckets");
        buckets = buckets.clone();
    }

    public static HistogramSnapshot empty() {
        return new Histogram().snapshot();
    }

    @Override
    public long[] buckets() {
        return buckets.clone();
    }
}
