package dev.herald.gateway.backend;

import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A gateway link to one message-service instance, carrying sends as its users proven on it. */
public interface SendLink {

    /**
     * Sends {@code request} as {@code userId} (a user with a socket here, so proven on the link). Completes with
     * the instance's answer once JetStream has the message; fails with a {@link io.grpc.StatusRuntimeException}
     * (UNAVAILABLE when the link is lost first, DEADLINE_EXCEEDED past {@code deadline}) or with the
     * {@link dev.herald.gateway.protocol.FrameException} of the instance's refusal.
     */
    CompletableFuture<SendResponse> send(String userId, SendRequest request, Duration deadline);
}
