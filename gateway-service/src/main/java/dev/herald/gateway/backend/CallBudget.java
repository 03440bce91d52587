package dev.herald.gateway.backend;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * How many calls may be in flight to the message-service at once: the gateway's (one budget for all sockets) or
 * one socket's (one budget each). A request past the bound is refused at once instead of joining a queue it would
 * leave only by its deadline: under overload the instances keep working at capacity and the admitted calls keep
 * their latency. Without a gateway bound, four times the capacity offered made nearly every call wait out its
 * deadline, and the cancellations flooded the HTTP/2 connection until Netty closed it, and the gateway's link (its
 * users' presence) with it; without a socket bound, one socket pipelining requests could hold every slot of the
 * gateway's.
 *
 * <p>A fixed budget keeps its bound. An {@linkplain #adaptive adaptive} one (the gateway's) moves it with the calls'
 * latency by its {@link AdaptiveLimit}: a fixed count lets the calls queue as long as that count takes to drain at
 * whatever rate the machine manages, seconds when it is busy with something else. The latency is measured without
 * a timestamp per call (callers hold no token between {@link #tryAcquire} and {@link #release}): every acquire
 * subtracts its time from a sum and every release adds its time, so over a window the sum, corrected by the calls
 * in flight at either end, is the time all calls spent in flight, which over the calls that ended is their mean
 * latency (Little's law). What a call takes without a queue is that mean in windows with few calls in flight. The thread whose acquire or release ends a window moves the limit; the others only count.
 */
public final class CallBudget {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final @Nullable Adaptation adaptation;
    /** The most calls ever admitted at once: the fixed bound, or the adaptive rule's ceiling. */
    private final int ceiling;
    private volatile int limit;

    public CallBudget(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
        }
        this.limit = limit;
        this.ceiling = limit;
        this.adaptation = null;
    }

    private CallBudget(AdaptiveLimit rule, LongSupplier nanoTime) {
        this.limit = rule.max();
        this.ceiling = rule.max();
        this.adaptation = new Adaptation(rule, nanoTime);
    }

    /** A budget that starts at {@code rule.max()} and follows the calls' latency, read from {@code nanoTime}. */
    public static CallBudget adaptive(AdaptiveLimit rule, LongSupplier nanoTime) {
        return new CallBudget(requireNonNull(rule, "rule"), requireNonNull(nanoTime, "nanoTime"));
    }

    /** Takes a slot if one is free; a caller that got one must {@link #release} it when its call ends. */
    public boolean tryAcquire() {
        return tryAcquireBelow(limit);
    }

    /**
     * Takes a slot below the ceiling, whatever the adaptive limit: for a sign-in, which a busy machine should queue
     * rather than refuse. A refused sign-in costs its client the whole connect again (TCP, upgrade, token check), so
     * shedding sign-ins under load only multiplies them, while a refused send is one small frame to retry. Sign-ins
     * are few per socket and bounded before they reach the budget (sockets per address not yet signed in, open
     * files), and their slots count like any other, so the sends around them are still held to the limit.
     */
    public boolean tryAcquireUpToCeiling() {
        return tryAcquireBelow(ceiling);
    }

    private boolean tryAcquireBelow(int bound) {
        int current;
        do {
            current = inFlight.get();
            if (current >= bound) {
                if (adaptation != null) {
                    adaptation.refused();
                }
                return false;
            }
        } while (!inFlight.compareAndSet(current, current + 1));
        if (adaptation != null) {
            adaptation.endWindowIfDue(adaptation.acquired());
        }
        return true;
    }

    public void release() {
        if (adaptation == null) {
            inFlight.decrementAndGet();
            return;
        }
        long now = adaptation.released();
        inFlight.decrementAndGet();
        adaptation.endWindowIfDue(now);
    }

    /** The bound of the moment: fixed, or where the adaptive rule has moved it. */
    public int limit() {
        return limit;
    }

    /** Calls in flight right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The measuring half of an adaptive budget. */
    private final class Adaptation {

        private final AdaptiveLimit rule;
        private final LongSupplier nanoTime;
        private final long windowNanos;
        /** Nanos since {@code origin}: minus each acquire's time, plus each release's (kept small, no overflow). */
        private final LongAdder balance = new LongAdder();
        private final LongAdder completions = new LongAdder();
        private final AtomicBoolean moving = new AtomicBoolean();
        private final long origin;
        private volatile boolean refusedInWindow;
        private volatile long windowEndsAt;
        // The window's start, written only by the thread that holds `moving`.
        private long startedAt;
        private long startBalance;
        private long startCompletions;
        private int startInFlight;
        /** A call's latency without a queue; 0 (every wait counts as queueing) until a light window is seen. */
        private long baselineNanos;

        Adaptation(AdaptiveLimit rule, LongSupplier nanoTime) {
            this.rule = rule;
            this.nanoTime = nanoTime;
            this.windowNanos = rule.window().toNanos();
            this.origin = nanoTime.getAsLong();
            this.windowEndsAt = origin + windowNanos;
        }

        long acquired() {
            long now = nanoTime.getAsLong();
            balance.add(-(now - origin));
            return now;
        }

        void refused() {
            if (!refusedInWindow) {
                refusedInWindow = true;
            }
        }

        long released() {
            long now = nanoTime.getAsLong();
            balance.add(now - origin);
            completions.increment();
            return now;
        }

        void endWindowIfDue(long now) {
            if (now - windowEndsAt < 0 || !moving.compareAndSet(false, true)) {
                return;
            }
            try {
                long ended = completions.sum() - startCompletions;
                long elapsed = now - startedAt - origin;
                if (ended < AdaptiveLimit.MIN_COMPLETIONS && elapsed < 10 * windowNanos) {
                    windowEndsAt = now + windowNanos / 4; // too few to judge: look again a little later
                    return;
                }
                int inFlightNow = inFlight.get();
                long sum = balance.sum();
                // Calls in flight at the end have been so since their acquire; those at the start, since then.
                long busy = sum - startBalance + (long) inFlightNow * (now - origin) - (long) startInFlight * startedAt;
                int current = limit;
                boolean full = refusedInWindow || inFlightNow * 2 >= current;
                if (ended > 0 && busy <= (long) rule.min() * elapsed) {
                    // A lightly loaded window (on average at most the floor in flight): its calls hardly queued
                    // here, so their latency is what the service takes now. Followed down at once, up by an eighth.
                    long mean = busy / ended;
                    baselineNanos = baselineNanos == 0 || mean < baselineNanos ? mean
                            : baselineNanos + (mean - baselineNanos) / 8;
                }
                limit = rule.next(current, elapsed, busy, ended, baselineNanos, full);
                startedAt = now - origin;
                startBalance = sum;
                startCompletions += ended;
                startInFlight = inFlightNow;
                refusedInWindow = false;
                windowEndsAt = now + windowNanos;
            } finally {
                moving.set(false);
            }
        }
    }
}
