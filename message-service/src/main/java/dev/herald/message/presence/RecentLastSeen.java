package dev.herald.message.presence;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When each user's last socket anywhere closed, as this instance saw it, for a while: a presence read answers it
 * before the persistence-worker has stored {@code users.last_seen_at}, on any instance (each hears every gateway).
 */
public final class RecentLastSeen {

    private final Cache<String, Instant> lastSeen;

    /** @param memory how long a close is remembered: well past the time the stream takes to store it */
    public RecentLastSeen(Duration memory, long maxUsers) {
        this.lastSeen = CacheBuilder.newBuilder().expireAfterWrite(memory).maximumSize(maxUsers).build();
    }

    void record(String userId, Instant at) {
        lastSeen.put(userId, at);
    }

    public Optional<Instant> of(String userId) {
        return Optional.ofNullable(lastSeen.getIfPresent(userId));
    }
}
