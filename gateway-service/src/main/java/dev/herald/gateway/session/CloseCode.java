package dev.herald.gateway.session;

/**
 * Why the gateway closes a socket, and what the client should do next. Codes are the RFC 6455 ones where one
 * fits, else Herald's own from the private range 4000-4999, so any WebSocket client can act on them without
 * parsing the reason text.
 */
public enum CloseCode {

    /** 1000: the client sent {@code offline}. Reconnect only when the user comes back. */
    NORMAL(1000),
    /** 1001: this gateway is shutting down. Reconnect at once (the load balancer picks another gateway). */
    SHUTTING_DOWN(1001),
    /**
     * 1001 "idle timeout": the client sent nothing, not even a pong to the gateway's pings, for
     * {@code HERALD_IDLE_TIMEOUT_SECONDS}. RFC 6455's "going away", as for a shutdown: reconnect at once (a client
     * that reads it was only quiet, not gone).
     */
    IDLE_TIMEOUT(1001),
    /**
     * 1008: the token was rejected or expired, or no {@code online} came in time. Get a new token before
     * reconnecting; reconnecting with the same token fails the same way.
     */
    AUTH_FAILED(1008),
    /**
     * 1009: a message (a frame, or the fragments of one message together) exceeded
     * {@code HERALD_MAX_FRAME_BYTES}, or {@code HERALD_PREAUTH_MAX_FRAME_BYTES} before the socket signed in, whatever
     * its size: refused from its header, before its payload is read. Reconnecting is fine; resending that message is
     * not.
     */
    FRAME_TOO_BIG(1009),
    /** 1011: the gateway failed unexpectedly. Reconnect with backoff. */
    SERVER_ERROR(1011),
    /** 1013: the client read too slowly and its outbound queue filled up. Reconnect later, with backoff. */
    SLOW_CONSUMER(1013),
    /**
     * 4029: the user already holds {@code HERALD_MAX_SOCKETS_PER_USER} signed-in sockets on this gateway, so this
     * one's {@code online} was refused. Not an auth failure (the token was fine): do not reconnect in a loop; close
     * another socket of the user first, or reconnect later with backoff.
     */
    TOO_MANY_SOCKETS(4029);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    /** The RFC 6455 status code of the close frame. */
    public int code() {
        return code;
    }
}
