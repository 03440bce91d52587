package dev.herald.gateway.backend;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many calls this gateway may have in flight to the message-service at once. A request past the bound is
 * refused at once instead of joining a queue it would leave only by its deadline: under overload the instances
 * keep working at capacity and the admitted calls keep their latency. Without a bound, four times the capacity
 * offered made nearly every call wait out its deadline, and the cancellations flooded the HTTP/2 connection until
 * Netty closed it, and the gateway's link (its users' presence) with it.
 */
public final class CallBudget {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    public CallBudget(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
        }
        this.limit = limit;
    }

    /** Takes a slot if one is free; a caller that got one must {@link #release} it when its call ends. */
    boolean tryAcquire() {
        int current;
        do {
            current = inFlight.get();
            if (current >= limit) {
                return false;
            }
        } while (!inFlight.compareAndSet(current, current + 1));
        return true;
    }

    void release() {
        inFlight.decrementAndGet();
    }

    /** Calls in flight right now. */
    int inFlight() {
        return inFlight.get();
    }
}
