package dev.herald.message.typing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most one typing notice per caller and conversation every {@code interval}, on this instance (the gateways send
 * a user's typing calls to the same instance, so it is the global bound). Entries older than the interval are
 * swept once the map grows, so it holds about as many entries as there were typists in the last interval.
 */
final class TypingThrottle {

    private static final int SWEEP_ABOVE = 10_000;

    private final Duration interval;
    private final Clock clock;
    private final Map<Conversation, Instant> lastForwarded = new ConcurrentHashMap<>();

    TypingThrottle(Duration interval, Clock clock) {
        this.interval = requireNonNull(interval, "interval");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Whether a notice went out for the conversation within the interval. */
    boolean isThrottled(Conversation conversation) {
        Instant last = lastForwarded.get(conversation);
        return last != null && clock.instant().isBefore(last.plus(interval));
    }

    /** Takes the conversation's slot if free: true when the caller may forward now. */
    boolean tryForward(Conversation conversation) {
        Instant now = clock.instant();
        AtomicBoolean taken = new AtomicBoolean();
        lastForwarded.compute(conversation, (key, last) -> {
            if (last != null && now.isBefore(last.plus(interval))) {
                return last;
            }
            taken.set(true);
            return now;
        });
        if (taken.get() && lastForwarded.size() > SWEEP_ABOVE) {
            Instant expired = now.minus(interval);
            lastForwarded.values().removeIf(last -> !last.isAfter(expired));
        }
        return taken.get();
    }

    /** A caller typing to a user ({@code to}) or in a room (the other empty). */
    record Conversation(String callerId, String to, String roomId) {}
}
