package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.protocol.ClientEvent;
import dev.herald.gateway.protocol.RequestId;
import dev.herald.gateway.trace.RequestTrace;
import dev.herald.observability.trace.Traceparent;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Events a socket sent while its first {@code online} was still being carried out. A client may pipeline
 * ({@code online}, then {@code message} without waiting for the ack); those events wait here and are carried out
 * after the sign-in, one by one in the order sent, and events that arrive while they are being carried out queue
 * behind them. Bounded, because a socket that is not signed in must not make the gateway hold much. Thread-safe:
 * frames arrive on the socket's I/O thread, the sign-in completes on a gRPC thread.
 */
final class EarlyEvents {

    /** What {@link #hold} did with an event. */
    enum Outcome {
        /** Nothing is waiting: carry the event out now. */
        CARRY_OUT,
        /** The event waits for the sign-in, behind the ones before it. */
        HELD,
        /** The event would have to wait, but the limit is reached: refuse it. */
        FULL
    }

    /**
     * An event, the request id it came with, when it arrived ({@link System#nanoTime}) and the trace of its request
     * (carried out in it later).
     */
    record Event(@Nullable RequestId id, ClientEvent event, long receivedNanos, @Nullable Traceparent trace) {

        Event {
            requireNonNull(event, "event");
        }
    }

    private final int limit;
    private @Nullable ArrayDeque<Event> waiting; // guarded by this; only while events wait (idle sockets hold none)
    private boolean signingIn; // guarded by this
    private boolean carryingOut; // guarded by this: a released event is being carried out

    EarlyEvents(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
        }
        this.limit = limit;
    }

    /** A first sign-in started: the events after it wait until {@link #signInFinished()}. */
    synchronized void signInStarted() {
        signingIn = true;
    }

    /** The sign-in finished, whether it succeeded or not: {@link #next()} releases the waiting events. */
    synchronized void signInFinished() {
        signingIn = false;
    }

    /** Holds the event when earlier ones are still waiting or being carried out. */
    synchronized Outcome hold(@Nullable RequestId id, ClientEvent event, long receivedNanos) {
        if (!signingIn && !carryingOut && waiting == null) {
            return Outcome.CARRY_OUT;
        }
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
        } else if (waiting.size() >= limit) {
            return Outcome.FULL;
        }
        waiting.add(new Event(id, event, receivedNanos, RequestTrace.current()));
        return Outcome.HELD;
    }

    /**
     * The next waiting event to carry out, or null when none is left or a new sign-in started (an {@code online}
     * among the released events); the caller carries it out and then asks again, so later events keep waiting.
     */
    synchronized @Nullable Event next() {
        Event next = signingIn || waiting == null ? null : waiting.poll();
        if (waiting != null && waiting.isEmpty()) {
            waiting = null;
        }
        carryingOut = next != null;
        return next;
    }
}
