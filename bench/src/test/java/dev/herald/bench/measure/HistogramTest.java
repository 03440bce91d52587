package dev.herald.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class HistogramTest {

    private static final double[] QUANTILES = {0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1};

    @Test
    void quantilesAreWithinTheStatedPrecisionOfASortedArray() {
        final SplittableRandom random = new SplittableRandom(42);
        assertWithinPrecision(() -> random.nextLong(0, 300), 5_000);
        assertWithinPrecision(() -> random.nextLong(0, 10_000_000), 20_000);
        assertWithinPrecision(() -> (long) Math.pow(10, random.nextDouble(0, 9)), 50_000);
        assertWithinPrecision(() -> random.nextLong(Long.MAX_VALUE / 4), 1_000);
        assertWithinPrecision(() -> 1_000 + (long) Math.abs(random.nextGaussian() * 200), 7);
        assertWithinPrecision(() -> 123_456_789L, 3);
    }

    @Test
    void smallValuesAreExact() {
        final Histogram histogram = new Histogram();
        for (long v = 0; v < Histogram.EXACT_BELOW; v++) {
            histogram.record(v);
        }
        assertThat(histogram.valueAtQuantile(0.5)).isEqualTo(128);
        assertThat(histogram.valueAtQuantile(0)).isZero();
        assertThat(histogram.valueAtQuantile(1)).isEqualTo(Histogram.EXACT_BELOW - 1);
    }

    @Test
    void bucketsTileTheWholeRange() {
        long expectedLow = 0;
        for (int index = 0; index < Histogram.BUCKETS; index++) {
            final long low = Histogram.lowestOf(index);
            if (low < 0 || expectedLow < 0) {
                break; // past Long.MAX_VALUE
            }
            assertThat(low).as("bucket %s", index).isEqualTo(expectedLow);
            assertThat(Histogram.indexOf(low)).isEqualTo(index);
            assertThat(Histogram.indexOf(low + Histogram.widthOf(index) - 1)).isEqualTo(index);
            expectedLow = low + Histogram.widthOf(index);
        }
        assertThat(Histogram.indexOf(Long.MAX_VALUE)).isLessThan(Histogram.BUCKETS);
    }

    @Test
    void mergeEqualsOneHistogramOfAllValues() {
        final SplittableRandom random = new SplittableRandom(7);
        final Histogram a = new Histogram();
        final Histogram b = new Histogram();
        final Histogram all = new Histogram();
        for (int i = 0; i < 10_000; i++) {
            final long value = (long) Math.pow(10, random.nextDouble(0, 8));
            (i % 3 == 0 ? a : b).record(value);
            all.record(value);
        }
        final Histogram merged = a.copy();
        merged.add(b);
        assertThat(merged.snapshot()).usingRecursiveComparison().isEqualTo(all.snapshot());
        for (double q : QUANTILES) {
            assertThat(merged.valueAtQuantile(q)).isEqualTo(all.valueAtQuantile(q));
        }
        assertThat(merged.count()).isEqualTo(10_000);
        assertThat(merged.mean()).isCloseTo(all.mean(), offset(1e-6));
    }

    @Test
    void snapshotRebuildsTheSameHistogram() {
        final Histogram histogram = new Histogram();
        for (long v : new long[] {0, 5, 300, 299_999, 1L << 40}) {
            histogram.record(v);
        }
        final Histogram rebuilt = Histogram.of(histogram.snapshot());
        assertThat(rebuilt.snapshot()).usingRecursiveComparison().isEqualTo(histogram.snapshot());
        assertThat(rebuilt.min()).isZero();
        assertThat(rebuilt.max()).isEqualTo(1L << 40);
    }

    @Test
    void emptyHistogramAnswersZero() {
        final Histogram empty = Histogram.of(HistogramSnapshot.empty());
        assertThat(empty.count()).isZero();
        assertThat(empty.valueAtQuantile(0.99)).isZero();
        assertThat(LatencySummary.ofMicros(empty).p99()).isNull();
    }

    @Test
    void rejectsQuantilesOutsideZeroToOne() {
        assertThatThrownBy(() -> new Histogram().valueAtQuantile(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summaryIsInMilliseconds() {
        final Histogram micros = new Histogram();
        micros.record(2_500);
        final LatencySummary summary = LatencySummary.ofMicros(micros);
        assertThat(summary.count()).isEqualTo(1);
        assertThat(summary.p50()).isEqualTo(2.5);
        assertThat(summary.max()).isEqualTo(2.5);
    }

    private static void assertWithinPrecision(LongSupplier values, int n) {
        final long[] sorted = new long[n];
        final Histogram histogram = new Histogram();
        for (int i = 0; i < n; i++) {
            sorted[i] = values.getAsLong();
            histogram.record(sorted[i]);
        }
        Arrays.sort(sorted);
        for (double q : QUANTILES) {
            final long reference = sorted[(int) Math.min(n - 1, (long) Math.floor(q * n))];
            final long answer = histogram.valueAtQuantile(q);
            assertThat((double) Math.abs(answer - reference))
                    .as("q=%s of %s values: %s vs reference %s", q, n, answer, reference)
                    .isLessThanOrEqualTo(reference / 256.0);
        }
        assertThat(histogram.max()).isEqualTo(sorted[n - 1]);
        assertThat(histogram.min()).isEqualTo(sorted[0]);
        assertThat(histogram.count()).isEqualTo(n);
    }
}
