package dev.herald.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * An adaptive {@link CallBudget} on a fake clock in front of a simulated message-service that completes calls in
 * order at a fixed rate, so a call's latency is the queue ahead of it: what the limit controls.
 */
class AdaptiveCallBudgetTest {

    private static final long MS = 1_000_000;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final CallBudget budget = CallBudget.adaptive(
            new AdaptiveLimit(8, 256, Duration.ofMillis(100), Duration.ofMillis(100)), clock::get);
    /** Calls admitted and not ended, in order. */
    private final ArrayDeque<Long> queue = new ArrayDeque<>();
    private double credit;

    @Test
    void startsAtTheCeiling() {
        assertThat(budget.limit()).isEqualTo(256);
    }

    @Test
    void shrinksWhenCallsQueueLongerThanTheTarget() {
        // 400 calls/s, 200 callers always trying: at 256 in flight a call waits 640 ms.
        serve(200, 0.4, 3_000);

        // At 400 calls/s, 100 ms of waiting is 40 calls in flight.
        assertThat(budget.limit()).isBetween(30, 55);
        assertThat(meanWaitMs(budget.inFlight(), 0.4)).isLessThan(150);
    }

    @Test
    void refusesAtOnceAboveTheShrunkLimit() {
        serve(200, 0.4, 3_000);

        assertThat(budget.inFlight()).isGreaterThanOrEqualTo(budget.limit());
        assertThat(budget.tryAcquire()).isFalse();
        assertThat(budget.inFlight()).isLessThan(60);
    }

    @Test
    void admitsSignInsUpToTheCeilingAboveTheShrunkLimit() {
        serve(200, 0.4, 3_000);
        int shrunk = budget.limit();
        assertThat(budget.tryAcquire()).isFalse();

        int signIns = 0;
        while (budget.tryAcquireUpToCeiling()) {
            signIns++;
        }

        assertThat(shrunk).isLessThan(60);
        assertThat(budget.inFlight()).isEqualTo(256);
        assertThat(signIns).isGreaterThan(256 - 60);
        assertThat(budget.tryAcquire()).isFalse();
    }

    @Test
    void opensUpAgainWhenCallsAreFastAndTheLimitIsFull() {
        serve(200, 0.4, 3_000);
        int shrunk = budget.limit();

        // The service now ends 50 calls a millisecond, and 1,000 callers keep the limit full.
        serve(1_000, 50, 6_000);

        assertThat(shrunk).isLessThan(60);
        assertThat(budget.limit()).isEqualTo(256);
    }

    @Test
    void staysPutWhenCallsAreFastButFewAreInFlight() {
        serve(200, 0.4, 3_000);
        serve(2, 50, 300); // the backlog of the slow service drains
        int settled = budget.limit();

        // Two callers on a fast service: nothing asks for a higher limit.
        serve(2, 50, 3_000);

        assertThat(settled).isLessThan(60);
        assertThat(budget.limit()).isEqualTo(settled);
    }

    @Test
    void doesNotMoveWhileCallsMeetTheTarget() {
        // 4,000 calls/s and 100 callers: 25 ms of waiting.
        serve(100, 4, 3_000);

        assertThat(budget.limit()).isEqualTo(256);
    }

    @Test
    void aServiceSlowForEveryCallIsNotTakenForAQueue() {
        // Every call takes 300 ms whatever else is in flight (a busy machine): light load first, then 200 callers.
        serveWithLatency(4, 300, 1_000);
        serveWithLatency(200, 300, 3_000);

        assertThat(budget.limit()).isEqualTo(256);
    }

    @Test
    void aFixedBudgetNeverMoves() {
        CallBudget fixed = new CallBudget(4);
        for (int i = 0; i < 4; i++) {
            assertThat(fixed.tryAcquire()).isTrue();
        }
        clock.addAndGet(10_000 * MS);
        fixed.release();

        assertThat(fixed.limit()).isEqualTo(4);
    }

    /**
     * {@code callers} keep one call each going (a refused one tries again the next millisecond); the service ends
     * {@code callsPerMs} calls a millisecond, oldest first; for {@code durationMs} of fake time.
     */
    private void serve(int callers, double callsPerMs, int durationMs) {
        int waiting = callers - queue.size();
        for (int ms = 0; ms < durationMs; ms++) {
            clock.addAndGet(MS);
            credit = Math.min(credit + callsPerMs, Math.max(1, callsPerMs));
            while (credit >= 1 && !queue.isEmpty()) {
                queue.poll();
                budget.release();
                credit--;
                waiting++;
            }
            while (waiting > 0 && budget.tryAcquire()) {
                queue.add(clock.get());
                waiting--;
            }
        }
    }

    /** {@code callers} keep one call each going; every call takes {@code latencyMs}, however many are in flight. */
    private void serveWithLatency(int callers, int latencyMs, int durationMs) {
        ArrayDeque<Long> endsAt = new ArrayDeque<>();
        int waiting = callers;
        for (int ms = 0; ms < durationMs; ms++) {
            long now = clock.addAndGet(MS);
            while (!endsAt.isEmpty() && endsAt.peek() <= now) {
                endsAt.poll();
                budget.release();
                waiting++;
            }
            while (waiting > 0 && budget.tryAcquire()) {
                endsAt.add(now + latencyMs * MS);
                waiting--;
            }
        }
    }

    private static double meanWaitMs(int inFlight, double callsPerMs) {
        return inFlight / callsPerMs;
    }
}
