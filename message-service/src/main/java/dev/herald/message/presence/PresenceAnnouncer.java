package dev.herald.message.presence;

import static java.util.Objects.requireNonNull;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a user's presence when this instance is the user's announcer: some gateway set {@code announce} for the
 * user on its link here (every gateway picks the same instance for a user, so one instance pushes each change).
 * The {@link PresenceTable} knows every gateway, so this instance sees the user's global state: it pushes online
 * when the user's first socket anywhere opens, and offline when the last one anywhere closed and stayed closed for
 * {@code offlineDebounce}, so that a quick reconnect does not flap.
 *
 * <p>Every instance also records when a user's last socket closed ({@link RecentLastSeen}), for presence reads
 * made before the persistence-worker stored it.
 */
public final class PresenceAnnouncer implements PresenceEvents {

    private static final Logger logger = LoggerFactory.getLogger(PresenceAnnouncer.class);
    /** How long an offline this instance pushed is remembered, to push online again after a wrong one. */
    private static final Duration PUSHED_OFFLINE_MEMORY = Duration.ofMinutes(10);

    private final PresenceTable presence;
    private final PresenceNotices notices;
    private final RecentLastSeen lastSeen;
    private final ScheduledExecutorService timers;
    private final Duration offlineDebounce;
    private final Clock clock;
    /** The users this instance announces. Each change of an entry happens inside {@code compute} on its key. */
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> pushedOffline = CacheBuilder.newBuilder()
            .expireAfterWrite(PUSHED_OFFLINE_MEMORY).maximumSize(1_000_000).build();

    public PresenceAnnouncer(PresenceTable presence, PresenceNotices notices, RecentLastSeen lastSeen,
            ScheduledExecutorService timers, Duration offlineDebounce, Clock clock) {
        this.presence = requireNonNull(presence, "presence");
        this.notices = requireNonNull(notices, "notices");
        this.lastSeen = requireNonNull(lastSeen, "lastSeen");
        this.timers = requireNonNull(timers, "timers");
        this.offlineDebounce = requireNonNull(offlineDebounce, "offlineDebounce");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void announced(String gatewayId, String userId, boolean heldBefore) {
        AtomicBoolean push = new AtomicBoolean();
        tracked.compute(userId, (id, current) -> {
            if (current == null) {
                // A user held before had its online pushed then, unless this instance since said it went offline
                // (its link to the gateway was cut for longer than the debounce).
                push.set(!heldBefore || pushedOffline.getIfPresent(id) != null);
                return new Tracked(Set.of(gatewayId), null);
            }
            // Back within the debounce: the offline is not pushed, and neither is this online.
            current.cancelOffline();
            return new Tracked(with(current.gateways(), gatewayId), null);
        });
        if (push.get()) {
            pushedOffline.invalidate(userId);
            notices.online(userId);
        }
    }

    @Override
    public void handedOver(String gatewayId, String userId) {
        tracked.computeIfPresent(userId, (id, current) -> {
            Set<String> gateways = without(current.gateways(), gatewayId);
            return gateways.isEmpty() && current.offline() == null ? null : new Tracked(gateways, current.offline());
        });
    }

    @Override
    public void left(String gatewayId, String userId) {
        if (presence.isOnline(userId)) {
            tracked.computeIfPresent(userId, (id, current) ->
                    new Tracked(without(current.gateways(), gatewayId), current.offline()));
            return;
        }
        Instant leftAt = clock.instant();
        lastSeen.record(userId, leftAt);
        tracked.computeIfPresent(userId, (id, current) -> {
            Set<String> gateways = without(current.gateways(), gatewayId);
            if (current.offline() != null) {
                return new Tracked(gateways, current.offline());
            }
            return new Tracked(gateways, scheduleOffline(id, leftAt));
        });
    }

    /** How many users this instance announces (for tests and metrics). */
    public int trackedUsers() {
        return tracked.size();
    }

    private @Nullable PendingOffline scheduleOffline(String userId, Instant leftAt) {
        PendingOffline pending = new PendingOffline(leftAt);
        try {
            pending.timer = timers.schedule(() -> debounced(userId, pending),
                    offlineDebounce.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: the gateways hand the user to another instance, which tracks it from there.
            logger.atDebug().addKeyValue("userId", userId).log("offline not scheduled: shutting down");
            return null;
        }
        return pending;
    }

    /** The debounce passed: push offline unless the user came back, or a newer close restarted the wait. */
    private void debounced(String userId, PendingOffline pending) {
        AtomicBoolean push = new AtomicBoolean();
        tracked.computeIfPresent(userId, (id, current) -> {
            if (current.offline() != pending) {
                return current;
            }
            if (presence.isOnline(id)) {
                return new Tracked(current.gateways(), null);
            }
            push.set(true);
            return null;
        });
        if (push.get()) {
            pushedOffline.put(userId, true);
            notices.offline(userId, pending.leftAt);
        }
    }

    private static Set<String> with(Set<String> gateways, String gatewayId) {
        Set<String> next = new HashSet<>(gateways);
        next.add(gatewayId);
        return Set.copyOf(next);
    }

    private static Set<String> without(Set<String> gateways, String gatewayId) {
        if (!gateways.contains(gatewayId)) {
            return gateways;
        }
        Set<String> next = new HashSet<>(gateways);
        next.remove(gatewayId);
        return Set.copyOf(next);
    }

    /**
     * A user this instance announces: the gateways that named it the announcer, and the offline waiting for its
     * debounce, if any.
     */
    private record Tracked(Set<String> gateways, @Nullable PendingOffline offline) {

        void cancelOffline() {
            if (offline != null && offline.timer != null) {
                offline.timer.cancel(false);
            }
        }
    }

    /** An offline waiting for the debounce; compared by identity, so a timer knows it is still the current one. */
    private static final class PendingOffline {

        private final Instant leftAt;
        private volatile @Nullable ScheduledFuture<?> timer;

        PendingOffline(Instant leftAt) {
            this.leftAt = leftAt;
        }
    }
}
