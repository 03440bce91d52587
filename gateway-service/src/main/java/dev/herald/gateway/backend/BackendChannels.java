package dev.herald.gateway.backend;

import io.grpc.Channel;

/** Picks the message-service instance for the next unary call. */
@FunctionalInterface
public interface BackendChannels {

    /** The channel of the next instance in turn, preferring instances whose gateway link is up. */
    Channel next();
}
