package dev.herald.gateway.session;

import dev.herald.gateway.protocol.FrameException;
import io.grpc.Status;

/**
 * A sign-in refused because its user already holds the most sockets allowed on this gateway. Its own type, so the
 * dispatcher can close that socket with {@link CloseCode#TOO_MANY_SOCKETS} after answering, which a failed call to
 * the message-service (also RESOURCE_EXHAUSTED) must not do.
 */
final class SocketLimitReached extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SocketLimitReached(int limit) {
        // No stack trace: an answer to the client, not a fault.
        super("too many sockets for this user: at most " + limit + " on this gateway", null, false, false);
    }

    FrameException answer() {
        return new FrameException(Status.Code.RESOURCE_EXHAUSTED, getMessage(), null);
    }
}
