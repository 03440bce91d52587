package dev.herald.message.presence;

import dev.herald.proto.v1.LinkResponse;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downstream half of one gateway's link: deliveries and presence acks go out through it.
 * Many send handlers write to it concurrently, and a gRPC stream observer is not thread-safe, so
 * writes are serialized here.
 */
public final class GatewayChannel {

    private static final Logger logger = LoggerFactory.getLogger(GatewayChannel.class);

    private final String gatewayId;
    private final ServerCallStreamObserver<LinkResponse> stream;
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private boolean closed;

    GatewayChannel(String gatewayId, ServerCallStreamObserver<LinkResponse> stream) {
        this.gatewayId = gatewayId;
        this.stream = stream;
    }

    public String gatewayId() {
        return gatewayId;
    }

    Set<String> users() {
        return users;
    }

    public synchronized void send(LinkResponse response) {
        if (closed || stream.isCancelled()) {
            return;
        }
        try {
            stream.onNext(response);
        } catch (RuntimeException e) {
            // The gateway went away mid-write; the link's onError/onCancel removes it.
            logger.debug("gateway {} link write failed", gatewayId, e);
            closed = true;
        }
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!stream.isCancelled()) {
            stream.onCompleted();
        }
    }

    @Override
    public String toString() {
        return "GatewayChannel[" + gatewayId + "]";
    }
}
