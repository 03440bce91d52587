package dev.herald.message.presence;

import java.time.Instant;
import java.util.Optional;

/** A user's presence as a caller may see it. */
public record UserPresence(String userId, State state, Optional<Instant> lastSeen) {

    public enum State {
        ONLINE,
        OFFLINE,
        /** Outside the caller's audience. */
        UNKNOWN
    }
}
