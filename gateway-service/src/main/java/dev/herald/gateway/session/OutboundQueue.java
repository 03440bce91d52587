package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds what one socket may have in flight. Frames are handed to the transport at once (it writes them
 * asynchronously); the queue only counts the frames not yet written. When a frame would exceed the limit, the
 * socket is a slow consumer: the overflow action runs once (it closes the socket) and nothing more is queued,
 * so a client that stops reading can never grow the heap or block the thread that delivers to it.
 */
final class OutboundQueue {

    /** The writing half of a {@link ClientSocket}. */
    @FunctionalInterface
    interface Transport {
        void send(OutboundFrame frame, Runnable onWritten);
    }

    private final int limit;
    private final Transport transport;
    private final Runnable onOverflow;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    OutboundQueue(int limit, Transport transport, Runnable onOverflow) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
        }
        this.limit = limit;
        this.transport = requireNonNull(transport, "transport");
        this.onOverflow = requireNonNull(onOverflow, "onOverflow");
    }

    /** Hands {@code frame} to the transport; false when it was dropped because the socket is over its limit. */
    boolean offer(OutboundFrame frame) {
        if (overflowed.get()) {
            return false;
        }
        if (pending.incrementAndGet() > limit) {
            pending.decrementAndGet();
            if (overflowed.compareAndSet(false, true)) {
                onOverflow.run();
            }
            return false;
        }
        try {
            transport.send(frame, pending::decrementAndGet);
            return true;
        } catch (RuntimeException e) {
            // The socket closed under us (the transport threw): the frame has nowhere to go.
            pending.decrementAndGet();
            return false;
        }
    }

    /** Frames handed to the transport and not yet written. */
    int pending() {
        return pending.get();
    }
}
