package dev.herald.bench.measure;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A log-linear histogram of non-negative {@code long} values (the generator records microseconds), in the spirit
 * of HdrHistogram with a fixed precision: values below {@value #EXACT_BELOW} are counted exactly, and above that
 * every power of two is split into 128 equal buckets. A quantile is answered with the middle of its bucket,
 * clamped to the recorded min and max, so it is within {@code 1/256} (0.4%) of the true value of that rank.
 *
 * <p>Quantile {@code q} is the value of rank {@code min(n - 1, floor(q * n))} (0-based) in sorted order, the
 * definition of the seed stack's generator. Not thread-safe: see {@link LatencyRecorder}. Merging with
 * {@link #add} is exact: the merge of two histograms equals one histogram of all their values.
 */
public final class Histogram {

    static final int SUB_BUCKET_BITS = 8;
    static final long EXACT_BELOW = 1L << SUB_BUCKET_BITS;
    private static final int HALF = 1 << (SUB_BUCKET_BITS - 1);
    static final int BUCKETS = (64 - SUB_BUCKET_BITS + 2) * HALF;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long min = Long.MAX_VALUE;
    private long max;
    private double sum;

    /** Counts one value; negative values count as 0. */
    public void record(long value) {
        final long v = Math.max(0, value);
        counts[indexOf(v)]++;
        count++;
        sum += v;
        if (v < min) {
            min = v;
        }
        if (v > max) {
            max = v;
        }
    }

    /** Adds every value of {@code other} to this histogram. */
    public void add(Histogram other) {
        requireNonNull(other, "other");
        if (other.count == 0) {
            return;
        }
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public long count() {
        return count;
    }

    /** The largest value recorded, exactly; 0 when empty. */
    public long max() {
        return max;
    }

    /** The smallest value recorded, exactly; 0 when empty. */
    public long min() {
        return count == 0 ? 0 : min;
    }

    public double mean() {
        return count == 0 ? 0 : sum / count;
    }

    /** The value at quantile {@code q} (0 to 1), see the class comment; 0 when empty. */
    public long valueAtQuantile(double q) {
        checkArgument(q >= 0 && q <= 1, "q: %s (expected: 0 to 1)", q);
        if (count == 0) {
            return 0;
        }
        final long rank = Math.min(count - 1, (long) Math.floor(q * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen > rank) {
                final long middle = lowestOf(i) + (widthOf(i) - 1) / 2;
                return Math.max(min, Math.min(max, middle));
            }
        }
        return max;
    }

    /** The non-empty buckets and the exact extremes, for another process to rebuild this histogram. */
    public HistogramSnapshot snapshot() {
        int nonEmpty = 0;
        for (long c : counts) {
            if (c != 0) {
                nonEmpty++;
            }
        }
        final long[] buckets = new long[nonEmpty * 2];
        int at = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                buckets[at++] = i;
                buckets[at++] = counts[i];
            }
        }
        return new HistogramSnapshot(SUB_BUCKET_BITS, min(), max, sum, buckets);
    }

    /** Rebuilds a histogram from {@link #snapshot()}. */
    public static Histogram of(HistogramSnapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        checkArgument(snapshot.subBucketBits() == SUB_BUCKET_BITS, "subBucketBits: %s (expected: %s)",
                      snapshot.subBucketBits(), SUB_BUCKET_BITS);
        final Histogram histogram = new Histogram();
        final long[] buckets = snapshot.buckets();
        for (int i = 0; i + 1 < buckets.length; i += 2) {
            final int index = Math.toIntExact(buckets[i]);
            checkArgument(index >= 0 && index < BUCKETS, "bucket index: %s (expected: 0 to %s)", index, BUCKETS - 1);
            histogram.counts[index] += buckets[i + 1];
            histogram.count += buckets[i + 1];
        }
        if (histogram.count > 0) {
            histogram.min = snapshot.min();
            histogram.max = snapshot.max();
            histogram.sum = snapshot.sum();
        }
        return histogram;
    }

    public Histogram copy() {
        final Histogram copy = new Histogram();
        copy.add(this);
        return copy;
    }

    static int indexOf(long value) {
        if (value < EXACT_BELOW) {
            return (int) value;
        }
        final int shift = 63 - Long.numberOfLeadingZeros(value) - (SUB_BUCKET_BITS - 1);
        return shift * HALF + (int) (value >>> shift);
    }

    static long lowestOf(int index) {
        if (index < EXACT_BELOW) {
            return index;
        }
        final int shift = index / HALF - 1;
        final long sub = index - (long) shift * HALF;
        return sub << shift;
    }

    static long widthOf(int index) {
        return index < EXACT_BELOW ? 1 : 1L << (index / HALF - 1);
    }

    @Override
    public String toString() {
        return "Histogram{count=" + count + ", min=" + min() + ", max=" + max + ", buckets="
               + Arrays.stream(counts).filter(c -> c != 0).count() + '}';
    }
}
