package dev.herald.bench.scenario;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Sends {@code total} messages at {@code rate} per second open-loop: message {@code i} is due at
 * {@code (i + 1) / rate} seconds whatever the server does, and every due message goes out at the next tick
 * (every millisecond). Falling behind is recorded as lag, never made up by slowing down.
 */
final class OpenLoopSender {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** When sending started and ended ({@link Ticker} nanos) and the largest lag behind schedule. */
    record Timing(long startNanos, long endNanos, double maxLagMs) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final Ticker ticker;

    OpenLoopSender(Ticker ticker) {
        this.ticker = requireNonNull(ticker, "ticker");
    }

    Timing run(int total, double rate, IntConsumer sendOne) {
        final long start = ticker.nanos();
        int sent = 0;
        double maxLagMs = 0;
        while (sent < total) {
            final long due = Math.min(total, (long) Math.floor((ticker.nanos() - start) / 1e9 * rate));
            if (due - sent > 1) {
                maxLagMs = Math.max(maxLagMs, (due - sent - 1) / rate * 1000);
            }
            while (sent < due) {
                sendOne.accept(sent++);
            }
            if (sent < total) {
                LockSupport.parkNanos(TICK_NANOS);
            }
        }
        return new Timing(start, ticker.nanos(), maxLagMs);
    }
}
