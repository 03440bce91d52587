package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one client socket may do.
 *
 * @param authTimeout        time from connect to a successful {@code online}
 * @param maxFrameBytes      largest text or binary frame accepted; larger ones close the socket with 1009
 * @param outboundQueueLimit frames that may wait to be written before the socket is closed with 1013
 * @param outboundQueueBytes bytes of frames that may wait to be written before the socket is closed with 1013 (a
 *                           socket with nothing waiting always takes one frame, however large)
 */
public record SocketLimits(Duration authTimeout, int maxFrameBytes, int outboundQueueLimit, int outboundQueueBytes) {

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
    }
}
