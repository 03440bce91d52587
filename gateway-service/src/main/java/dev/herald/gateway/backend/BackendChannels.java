package dev.herald.gateway.backend;

import io.grpc.Channel;

/** Picks the message-service instance for the next unary call. */
public interface BackendChannels {

    /** The channel of the next instance in turn, preferring instances whose gateway link is up. */
    Channel next();

    /**
     * The channel of the instance every gateway picks for {@code userId}: the first of the user's ranked instances
     * whose link is up, so that what an instance does once per user (throttling the user's typing) sees all of
     * the user's calls; {@link #next} when no link is up.
     */
    Channel forUser(String userId);
}
