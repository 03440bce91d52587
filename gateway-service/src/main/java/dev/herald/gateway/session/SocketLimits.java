package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one client socket, and one user's sockets, may do on this gateway.
 *
 * @param authTimeout        time from connect to a successful {@code online}
 * @param maxFrameBytes      largest text or binary frame accepted; larger ones close the socket with 1009
 * @param outboundQueueLimit frames that may wait to be written before the socket is closed with 1013
 * @param outboundQueueBytes bytes of frames that may wait to be written before the socket is closed with 1013 (a
 *                           socket with nothing waiting always takes one frame, however large)
 * @param maxInFlight        requests of one socket in flight to the message-service at once; past it a request is
 *                           refused at once with {@code RESOURCE_EXHAUSTED}
 * @param maxSocketsPerUser  signed-in sockets of one user on this gateway; an {@code online} past it is refused
 *                           and its socket closed with {@link CloseCode#TOO_MANY_SOCKETS}
 */
public record SocketLimits(Duration authTimeout, int maxFrameBytes, int outboundQueueLimit, int outboundQueueBytes,
        int maxInFlight, int maxSocketsPerUser) {

    public SocketLimits {
        requireNonNull(authTimeout, "authTimeout");
        if (!authTimeout.isPositive()) {
            throw new IllegalArgumentException("authTimeout: " + authTimeout + " (expected: > 0)");
        }
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes: " + maxFrameBytes + " (expected: > 0)");
        }
        if (outboundQueueLimit <= 0) {
            throw new IllegalArgumentException("outboundQueueLimit: " + outboundQueueLimit + " (expected: > 0)");
        }
        if (outboundQueueBytes <= 0) {
            throw new IllegalArgumentException("outboundQueueBytes: " + outboundQueueBytes + " (expected: > 0)");
        }
        if (maxInFlight <= 0) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: > 0)");
        }
        if (maxSocketsPerUser <= 0) {
            throw new IllegalArgumentException("maxSocketsPerUser: " + maxSocketsPerUser + " (expected: > 0)");
        }
    }
}
