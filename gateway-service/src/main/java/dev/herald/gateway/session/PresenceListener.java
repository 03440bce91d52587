package dev.herald.gateway.session;

import java.util.concurrent.CompletableFuture;

/** Told when a user gets its first socket on this gateway or loses its last one. */
@FunctionalInterface
public interface PresenceListener {

    /**
     * Called while the registry is locked, so changes arrive in the order they happened; must not block. The
     * future completes when the change is in effect where messages are routed.
     */
    CompletableFuture<Void> presenceChanged(String userId, boolean online);
}
