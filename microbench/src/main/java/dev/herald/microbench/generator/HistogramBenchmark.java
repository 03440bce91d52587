package dev.herald.microbench.generator;

import dev.herald.bench.measure.Histogram;
import dev.herald.bench.measure.LatencyRecorder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The record path of the latency histogram, which runs once per delivery and per ack: bare
 * {@link Histogram#record}, and {@link LatencyRecorder} (its lock) from one and from two threads. Values are
 * log-uniform from 1 µs to 10 s, like latencies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HistogramBenchmark {

    private static final int VALUES = 1 << 16;

    private final long[] values = new long[VALUES];
    private final Histogram histogram = new Histogram();
    private final LatencyRecorder recorder = new LatencyRecorder();
    private int next;

    /** Each thread's own position in the values. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = (int) Thread.currentThread().threadId() * 7919;
    }

    @Setup
    public void setUp() {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < VALUES; i++) {
            values[i] = (long) Math.pow(10, random.nextDouble(0, 7));
        }
        for (long value : values) {
            histogram.record(value);
        }
    }

    @Benchmark
    public void record() {
        histogram.record(values[next++ & (VALUES - 1)]);
    }

    @Benchmark
    public void recorderOneThread() {
        recorder.recordMicros(values[next++ & (VALUES - 1)]);
    }

    @Benchmark
    @Threads(2)
    public void recorderTwoThreads(Cursor cursor) {
        recorder.recordMicros(values[cursor.next++ & (VALUES - 1)]);
    }

    @Benchmark
    public long p99() {
        return histogram.valueAtQuantile(0.99);
    }
}
