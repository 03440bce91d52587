package dev.herald.gateway.session;

import dev.herald.gateway.protocol.FrameException;
import io.grpc.Status;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * When the message-service refused a socket's event for the user's rate ({@code RESOURCE_EXHAUSTED} with a retry
 * delay), the gateway refuses the same event of that socket itself until the delay has passed. A client that keeps
 * flooding then costs the gateway a JSON parse per request, not a round trip to the message-service each. Nothing
 * is held for a socket that was never refused.
 */
final class RefusedUntil {

    private volatile @Nullable Map<String, Long> untilByEvent;

    /** Remembers {@code refusal} of {@code event} when it carries a retry delay; {@code now} is {@link System#nanoTime}. */
    void remember(String event, FrameException refusal, long now) {
        if (refusal.status() != Status.Code.RESOURCE_EXHAUSTED || refusal.retryAfterMs().isEmpty()) {
            return;
        }
        Map<String, Long> until = untilByEvent;
        if (until == null) {
            synchronized (this) {
                until = untilByEvent;
                if (until == null) {
                    until = new ConcurrentHashMap<>(4);
                    untilByEvent = until;
                }
            }
        }
        until.put(event, now + TimeUnit.MILLISECONDS.toNanos(refusal.retryAfterMs().getAsLong()));
    }

    /** The milliseconds left before {@code event} may go to the message-service again; empty when it may now. */
    OptionalLong remainingMs(String event, long now) {
        Map<String, Long> until = untilByEvent;
        Long deadline = until == null ? null : until.get(event);
        if (deadline == null || deadline - now <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now)));
    }
}
