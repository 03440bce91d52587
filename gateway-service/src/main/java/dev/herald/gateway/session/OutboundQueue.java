package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Bounds what one socket may have in flight. Frames are handed to the transport at once (it writes them
 * asynchronously); the queue only counts the frames, and their bytes, not yet written. When a frame would take
 * either count past its limit, the socket is a slow consumer: the overflow action runs once with the reason (it
 * closes the socket) and nothing more is queued, so a client that stops reading can never grow the heap by more
 * than the limits or block the thread that delivers to it.
 *
 * <p>The byte limit is what bounds memory: one reply can be megabytes. A frame offered to an empty queue is always
 * taken, so a reply larger than the byte limit still reaches a client that reads; such a socket holds at most that
 * one frame. The frame limit bounds the per-frame bookkeeping (Tyrus' and Grizzly's write records) that the bytes
 * of many small frames do not show.
 */
final class OutboundQueue {

    /** The writing half of a {@link ClientSocket}. */
    @FunctionalInterface
    interface Transport {
        void send(OutboundFrame frame, Runnable onWritten);
    }

    private final int frameLimit;
    private final long byteLimit;
    private final Transport transport;
    private final Consumer<String> onOverflow;
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    /** @param onOverflow runs once, with why the socket is too far behind */
    OutboundQueue(int frameLimit, long byteLimit, Transport transport, Consumer<String> onOverflow) {
        if (frameLimit <= 0) {
            throw new IllegalArgumentException("frameLimit: " + frameLimit + " (expected: > 0)");
        }
        if (byteLimit <= 0) {
            throw new IllegalArgumentException("byteLimit: " + byteLimit + " (expected: > 0)");
        }
        this.frameLimit = frameLimit;
        this.byteLimit = byteLimit;
        this.transport = requireNonNull(transport, "transport");
        this.onOverflow = requireNonNull(onOverflow, "onOverflow");
    }

    /** Hands {@code frame} to the transport; false when it was dropped because the socket is over a limit. */
    boolean offer(OutboundFrame frame) {
        if (overflowed.get()) {
            return false;
        }
        int size = frame.size();
        int frames = pendingFrames.incrementAndGet();
        long bytes = pendingBytes.addAndGet(size);
        if (frames > frameLimit) {
            return overflow(size, "slow consumer: more than " + frameLimit + " frames waiting");
        }
        if (bytes > byteLimit && frames > 1) {
            return overflow(size, "slow consumer: more than " + byteLimit + " bytes waiting");
        }
        Runnable written = () -> release(size);
        try {
            transport.send(frame, written);
            return true;
        } catch (RuntimeException e) {
            // The socket closed under us (the transport threw): the frame has nowhere to go.
            written.run();
            return false;
        }
    }

    /** Whether a limit was passed: the socket is being closed and takes nothing more. */
    boolean overflowed() {
        return overflowed.get();
    }

    /** Frames handed to the transport and not yet written. */
    int pending() {
        return pendingFrames.get();
    }

    /** Bytes of the frames handed to the transport and not yet written. */
    long pendingBytes() {
        return pendingBytes.get();
    }

    private boolean overflow(int size, String reason) {
        release(size);
        if (overflowed.compareAndSet(false, true)) {
            onOverflow.accept(reason);
        }
        return false;
    }

    private void release(int size) {
        pendingFrames.decrementAndGet();
        pendingBytes.addAndGet(-size);
    }
}
