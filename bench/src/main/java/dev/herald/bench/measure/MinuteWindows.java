package dev.herald.bench.measure;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A send phase cut into minutes by <em>send</em> time: each message, its ack and its delivery are booked in the
 * minute the message was sent, so once the phase has settled a minute whose messages all arrived shows
 * {@code sent == acked + refused} and {@code acked == delivered}. Minute 1 is the first minute after {@link #start}; a message sent after the
 * last minute (the open-loop sender's last tick) counts in the last. Nothing is booked before {@link #start}.
 * Thread-safe: the sender and the socket threads book, the soak's monitor reads.
 */
public final class MinuteWindows {

    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** One minute's books; the latency is send to delivery of the minute's messages. */
    public record Minute(int minute, long sent, long acked, long refused, long delivered, LatencySummary latencyMs) {}

    private final Window[] windows;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile long startNanos;

    /** Windows for a phase of {@code minutes} minutes. */
    public MinuteWindows(int minutes) {
        checkArgument(minutes >= 1, "minutes: %s (expected: >= 1)", minutes);
        windows = new Window[minutes];
        for (int i = 0; i < minutes; i++) {
            windows[i] = new Window();
        }
    }

    /** Sending started at {@code nanos} ({@link Ticker} time); once only. */
    public void start(long nanos) {
        checkState(started.getCount() == 1, "already started");
        startNanos = nanos;
        started.countDown();
    }

    /** Waits until {@link #start}; false after {@code timeout}. */
    public boolean awaitStart(Duration timeout) throws InterruptedException {
        return started.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** When sending started; only meaningful after {@link #awaitStart} returned true. */
    public long startNanos() {
        return startNanos;
    }

    public int minutes() {
        return windows.length;
    }

    public void sent(long sendNanos) {
        final Window window = windowOf(sendNanos);
        if (window != null) {
            window.sent.increment();
        }
    }

    public void acked(long sendNanos) {
        final Window window = windowOf(sendNanos);
        if (window != null) {
            window.acked.increment();
        }
    }

    public void refused(long sendNanos) {
        final Window window = windowOf(sendNanos);
        if (window != null) {
            window.refused.increment();
        }
    }

    public void delivered(long sendNanos, long arrivalNanos) {
        final Window window = windowOf(sendNanos);
        if (window != null) {
            window.delivered.increment();
            window.latency.recordBetween(sendNanos, arrivalNanos);
        }
    }

    /** Every minute's books so far, minute 1 first. */
    public List<Minute> snapshot() {
        final List<Minute> minutes = new ArrayList<>(windows.length);
        for (int i = 0; i < windows.length; i++) {
            final Window w = windows[i];
            minutes.add(new Minute(i + 1, w.sent.sum(), w.acked.sum(), w.refused.sum(), w.delivered.sum(),
                                   LatencySummary.ofMicros(w.latency.histogram())));
        }
        return minutes;
    }

    private @Nullable Window windowOf(long sendNanos) {
        if (started.getCount() != 0) {
            return null;
        }
        final long elapsed = Math.max(0, sendNanos - startNanos);
        return windows[(int) Math.min(windows.length - 1, elapsed / MINUTE_NANOS)];
    }

    private static final class Window {
        final LongAdder sent = new LongAdder();
        final LongAdder acked = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LatencyRecorder latency = new LatencyRecorder();
    }
}
