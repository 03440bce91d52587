package dev.herald.gateway.session;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Told which users hold sockets on this gateway, and with which tokens: the instances deliver to a user here only
 * while a token of the user proves it. Called while the registry is locked, so changes arrive in the order they
 * happened; must not block.
 */
public interface PresenceListener {

    /**
     * A socket of {@code userId} signed in, or refreshed its token, with {@code token}, valid until
     * {@code expiresAt}. The future completes when the user is routable here with it.
     */
    CompletableFuture<Void> online(String userId, String token, Instant expiresAt);

    /** The last socket of {@code userId} here closed. */
    void offline(String userId);
}
