package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The authenticated sockets of this gateway, by user. Lookups (one per delivered message) are lock-free reads
 * of immutable lists; changes (one per socket signing in, refreshing its token or closing) are serialized, and
 * reported to the {@link PresenceListener} in that same order: every sign-in and refresh with its token, a
 * user's last socket closing as offline. A user holds at most {@code maxSocketsPerUser} sockets here.
 */
final class SessionRegistry {

    private final ConcurrentHashMap<String, List<Connection>> byUser = new ConcurrentHashMap<>();
    private final PresenceListener presence;
    private final int maxSocketsPerUser;

    SessionRegistry(PresenceListener presence, int maxSocketsPerUser) {
        this.presence = requireNonNull(presence, "presence");
        if (maxSocketsPerUser <= 0) {
            throw new IllegalArgumentException("maxSocketsPerUser: " + maxSocketsPerUser + " (expected: > 0)");
        }
        this.maxSocketsPerUser = maxSocketsPerUser;
    }

    /**
     * Adds a signed-in socket, or takes the refreshed token of one added before. The future completes when the
     * user is routable here with {@code token} (see {@link PresenceListener#online}); it fails with
     * {@link SocketLimitReached}, and nothing is added or reported, when the user holds {@code maxSocketsPerUser}
     * sockets here already.
     */
    synchronized CompletableFuture<Void> add(String userId, Connection connection, String token, Instant expiresAt) {
        List<Connection> current = byUser.get(userId);
        if (current == null) {
            byUser.put(userId, List.of(connection));
        } else if (!current.contains(connection)) {
            if (current.size() >= maxSocketsPerUser) {
                return CompletableFuture.failedFuture(new SocketLimitReached(maxSocketsPerUser));
            }
            List<Connection> next = new ArrayList<>(current.size() + 1);
            next.addAll(current);
            next.add(connection);
            byUser.put(userId, List.copyOf(next));
        }
        return presence.online(userId, token, expiresAt);
    }

    /** Removes a socket; the user's last socket here makes it offline. */
    synchronized void remove(String userId, Connection connection) {
        List<Connection> current = byUser.get(userId);
        if (current == null || !current.contains(connection)) {
            return;
        }
        if (current.size() == 1) {
            byUser.remove(userId);
            presence.offline(userId);
            return;
        }
        byUser.put(userId, current.stream().filter(c -> c != connection).toList());
    }

    /** Whether the user holds the most sockets allowed here (a new one would be refused). */
    boolean atSocketLimit(String userId) {
        return connectionsOf(userId).size() >= maxSocketsPerUser;
    }

    /** The signed-in sockets of a user here; empty when it has none. */
    List<Connection> connectionsOf(String userId) {
        return byUser.getOrDefault(userId, List.of());
    }

    /**
     * Calls {@code action} with every signed-in socket here, walking the registry in place rather than copying
     * it: a socket that signs in or closes meanwhile may be seen or not.
     */
    void forEachConnection(Consumer<Connection> action) {
        for (List<Connection> connections : byUser.values()) {
            connections.forEach(action);
        }
    }

    /** The users with at least one signed-in socket here. */
    Set<String> userIds() {
        return Set.copyOf(byUser.keySet());
    }
}
