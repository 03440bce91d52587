package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 *
 * <p>Frames for one socket come from several threads at once (acks from gRPC callbacks, deliveries from the links),
 * and the transport writes them one at a time under the socket's lock. Whichever thread finds nobody writing becomes
 * the writer: it writes its frame at once, then whatever other threads queued meanwhile, all of it in one write. The
 * others queue and return. A lone frame goes out as it came, with no wait; a burst costs one socket write (and one
 * lock) instead of one per frame, and no delivering thread waits on another's write.
 */
final class OutboundQueue {

    /** The writing half of a {@link ClientSocket}. */
    @FunctionalInterface
    interface Transport {
        void send(OutboundFrame frame, Runnable onWritten);

        /** Writes {@code frames} in order, in one write where the transport can; then runs {@code onWritten}. */
        default void sendAll(List<OutboundFrame> frames, Runnable onWritten) {
            int[] left = {frames.size()};
            Runnable oneWritten = () -> {
                synchronized (left) {
                    if (--left[0] > 0) {
                        return;
                    }
                }
                onWritten.run();
            };
            for (OutboundFrame frame : frames) {
                send(frame, oneWritten);
            }
        }
    }

    /** The most bytes one write gathers: beyond it the next frames go in a write of their own. */
    static final int MAX_GATHERED_BYTES = 64 << 10;

    private final int frameLimit;
    private final long byteLimit;
    private final Transport transport;
    private final Consumer<String> onOverflow;
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final Queue<OutboundFrame> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

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
        queued.add(frame);
        return writeQueued();
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

    /**
     * Writes what is queued unless another thread is writing (it will write this too); false when a write failed
     * because the socket closed under us (the transport threw): those frames had nowhere to go.
     */
    private boolean writeQueued() {
        boolean allWritten = true;
        while (!queued.isEmpty() && writing.compareAndSet(false, true)) {
            try {
                for (List<OutboundFrame> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
                    allWritten &= write(batch);
                }
            } finally {
                writing.set(false);
            }
            // A frame queued after the last poll, while this thread still held the writer's place, is written in
            // the next turn of the loop, by this thread or by one that takes the place first.
        }
        return allWritten;
    }

    private List<OutboundFrame> nextBatch() {
        OutboundFrame first = queued.poll();
        if (first == null) {
            return List.of();
        }
        OutboundFrame next = queued.peek();
        if (next == null) {
            return List.of(first);
        }
        List<OutboundFrame> batch = new ArrayList<>();
        batch.add(first);
        int bytes = first.size();
        while (next != null && bytes + next.size() <= MAX_GATHERED_BYTES) {
            batch.add(queued.poll());
            bytes += next.size();
            next = queued.peek();
        }
        return batch;
    }

    private boolean write(List<OutboundFrame> batch) {
        long size = 0;
        for (OutboundFrame frame : batch) {
            size += frame.size();
        }
        int frames = batch.size();
        long bytes = size;
        Runnable written = () -> release(frames, bytes);
        try {
            if (frames == 1) {
                transport.send(batch.getFirst(), written);
            } else {
                transport.sendAll(batch, written);
            }
            return true;
        } catch (RuntimeException e) {
            written.run();
            return false;
        }
    }

    private void release(int frames, long bytes) {
        pendingFrames.addAndGet(-frames);
        pendingBytes.addAndGet(-bytes);
    }

    private void release(int size) {
        pendingFrames.decrementAndGet();
        pendingBytes.addAndGet(-size);
    }
}
