package dev.herald.message.limits;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls in flight per caller, each caller bounded. A caller is held only while it has a call in flight, so
 * memory is bounded by the calls in flight, however many callers there are.
 */
final class CallerConcurrency {

    private final int maxPerCaller;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    CallerConcurrency(int maxPerCaller) {
        if (maxPerCaller <= 0) {
            throw new IllegalArgumentException("maxPerCaller: " + maxPerCaller + " (expected: > 0)");
        }
        this.maxPerCaller = maxPerCaller;
    }

    int maxPerCaller() {
        return maxPerCaller;
    }

    /** Takes a slot of {@code callerId} if it has one free; a caller that got one must {@link #release} it. */
    boolean tryAcquire(String callerId) {
        boolean[] acquired = {false};
        inFlight.compute(callerId, (id, current) -> {
            int count = current == null ? 0 : current;
            if (count >= maxPerCaller) {
                return current;
            }
            acquired[0] = true;
            return count + 1;
        });
        return acquired[0];
    }

    void release(String callerId) {
        inFlight.computeIfPresent(callerId, (id, current) -> current == 1 ? null : current - 1);
    }

    /** Callers with a call in flight. */
    int callers() {
        return inFlight.size();
    }
}
