package dev.herald.gateway;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Link frames of one kind that the {@link TestBackend} holds before applying them, as a real instance does while it
 * verifies their tokens (a key fetch after a restart): the link's handler waits, so later frames of that link wait
 * behind it, in order, while other calls go on.
 */
final class HeldFrames {

    /** Bounds a hold a test forgot to release, so the backend can still shut down. */
    private static final long LONGEST_HOLD_SECONDS = 30;

    private volatile @Nullable CountDownLatch gate;

    /** From now on frames of this kind wait until {@link #release}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    /** Lets the waiting frames, and every later one, through. */
    void release() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** Returns once frames of this kind are not held; called on the link's handler thread. */
    void awaitRelease() {
        CountDownLatch held = gate;
        if (held == null) {
            return;
        }
        try {
            held.await(LONGEST_HOLD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // The backend is shutting down: let the frame go through.
            Thread.currentThread().interrupt();
        }
    }
}
