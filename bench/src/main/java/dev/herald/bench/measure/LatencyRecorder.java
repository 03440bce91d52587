package dev.herald.bench.measure;

import java.util.concurrent.TimeUnit;

/**
 * Records latencies from many threads into one {@link Histogram} of microseconds. Recording takes a lock that is
 * held for a few nanoseconds; the generator's socket threads rarely contend on it.
 */
public final class LatencyRecorder {

    private final Histogram histogram = new Histogram();

    /** Records the time from {@code startNanos} to {@code endNanos} (both {@link System#nanoTime()} readings). */
    public void recordBetween(long startNanos, long endNanos) {
        recordMicros(TimeUnit.NANOSECONDS.toMicros(endNanos - startNanos));
    }

    public void recordMicros(long micros) {
        synchronized (histogram) {
            histogram.record(micros);
        }
    }

    /** A copy of what was recorded so far. */
    public Histogram histogram() {
        synchronized (histogram) {
            return histogram.copy();
        }
    }
}
