package dev.herald.message.presence;

import dev.herald.proto.v1.LinkResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downstream half of one gateway's link: deliveries and presence acks go out through it.
 * Many send handlers write to it concurrently, and a gRPC stream observer is not thread-safe, so
 * writes are serialized here.
 *
 * <p>Writes honour the stream's flow control: while it is not ready (the gateway reads slower than
 * it is sent to), responses wait in a {@link LinkBuffer} and go out in order when it is ready again.
 * A link whose buffer would pass its bound is ended at once with {@code RESOURCE_EXHAUSTED} and its
 * gateway's users are dropped; the gateway reconnects and its clients catch up with {@code sync}.
 * There is no grace period: holding more would make the bound no bound, and dropping deliveries to
 * keep the link would lose them without telling the clients to catch up.
 */
public final class GatewayChannel {

    static final String OVER_BOUND = "gateway link over its buffer bound";

    private static final Logger logger = LoggerFactory.getLogger(GatewayChannel.class);

    private final String gatewayId;
    private final ServerCallStreamObserver<LinkResponse> stream;
    private final LinkBuffer buffer;
    private final Consumer<GatewayChannel> onOverflow;
    private final LinkMeters meters;
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private boolean closed;

    /**
     * @param bufferBytes how many serialized bytes may wait for the stream to become ready
     * @param onOverflow drops this channel's presence once it was ended for passing that bound
     */
    GatewayChannel(String gatewayId, ServerCallStreamObserver<LinkResponse> stream, long bufferBytes,
            Consumer<GatewayChannel> onOverflow, LinkMeters meters) {
        this.gatewayId = gatewayId;
        this.stream = stream;
        this.buffer = new LinkBuffer(bufferBytes);
        this.onOverflow = onOverflow;
        this.meters = meters;
    }

    public String gatewayId() {
        return gatewayId;
    }

    Set<String> users() {
        return users;
    }

    public void send(LinkResponse response) {
        synchronized (this) {
            if (closed || stream.isCancelled()) {
                return;
            }
            if (response.hasDelivery()) {
                meters.delivered();
            }
            if (buffer.isEmpty() && stream.isReady()) {
                write(response);
                return;
            }
            if (buffer.offer(response)) {
                return;
            }
            endOverBound(response.getSerializedSize());
        }
        // Outside the lock: dropping presence touches the shared table, which is no business of this link's lock.
        onOverflow.accept(this);
    }

    /** Writes what waited, oldest first, while the stream stays ready; gRPC calls it when the stream turns ready. */
    synchronized void drain() {
        while (!closed && !buffer.isEmpty() && stream.isReady()) {
            LinkResponse next = buffer.poll();
            if (next != null) {
                write(next);
            }
        }
    }

    synchronized long bufferedBytes() {
        return buffer.bytes();
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // What still waits is dropped: the gateway is gone or relinks, and its clients catch up with sync.
        buffer.clear();
        if (!stream.isCancelled()) {
            stream.onCompleted();
        }
    }

    private void write(LinkResponse response) {
        try {
            stream.onNext(response);
        } catch (RuntimeException e) {
            // The gateway went away mid-write; the link's onError/onCancel removes it.
            logger.debug("gateway {} link write failed", gatewayId, e);
            closed = true;
            buffer.clear();
        }
    }

    private void endOverBound(int refusedBytes) {
        logger.atWarn().addKeyValue("gatewayId", gatewayId).addKeyValue("bufferedBytes", buffer.bytes())
                .addKeyValue("refusedBytes", refusedBytes).addKeyValue("boundBytes", buffer.boundBytes())
                .log("ending a gateway link that does not keep up: over its buffer bound");
        meters.overflowed();
        closed = true;
        buffer.clear();
        stream.onError(Status.RESOURCE_EXHAUSTED.withDescription(OVER_BOUND).asRuntimeException());
    }

    @Override
    public String toString() {
        return "GatewayChannel[" + gatewayId + "]";
    }
}
