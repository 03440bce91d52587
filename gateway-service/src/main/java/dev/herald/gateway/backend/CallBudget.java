package dev.herald.gateway.backend;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many calls may be in flight to the message-service at once: the gateway's (one budget for all sockets) or
 * one socket's (one budget each). A request past the bound is refused at once instead of joining a queue it would
 * leave only by its deadline: under overload the instances keep working at capacity and the admitted calls keep
 * their latency. Without a gateway bound, four times the capacity offered made nearly every call wait out its
 * deadline, and the cancellations flooded the HTTP/2 connection until Netty closed it, and the gateway's link (its
 * users' presence) with it; without a socket bound, one socket pipelining requests could hold every slot of the
 * gateway's.
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
    public boolean tryAcquire() {
        int current;
        do {
            current = inFlight.get();
            if (current >= limit) {
                return false;
            }
        } while (!inFlight.compareAndSet(current, current + 1));
        return true;
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    /** The bound. */
    public int limit() {
        return limit;
    }

    /** Calls in flight right now. */
    int inFlight() {
        return inFlight.get();
    }
}
