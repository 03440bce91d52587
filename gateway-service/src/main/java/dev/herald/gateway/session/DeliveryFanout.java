package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.link.DeliverySink;
import dev.herald.gateway.metrics.DeliveryMeters;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.gateway.protocol.ServerEvent;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Fans a delivery (a {@code message}, {@code read}, {@code recalled}, {@code presence}, {@code typing} or
 * {@code room} event) out to the local sockets of its recipients, or to every signed-in socket (an announcement).
 * The WebSocket frame is encoded once per delivery (JSON, UTF-8 and frame header) and the same bytes queued on every
 * socket: a message to 999 receivers carries their 999 ids, so encoding it per socket used to be most of the
 * gateway's work. Queuing never blocks and each socket's outbound bounds hold as for any frame, so a slow socket
 * delays nobody else. When a link ends, or comes up, every signed-in socket gets one {@code resync}. The frames
 * queued are counted by kind, and a message's latency from its creation is recorded for every socket it is queued on.
 */
final class DeliveryFanout implements DeliverySink {

    private final SessionRegistry registry;
    private final EventCodec codec;
    private final DeliveryMeters meters;

    DeliveryFanout(SessionRegistry registry, EventCodec codec, DeliveryMeters meters) {
        this.registry = requireNonNull(registry, "registry");
        this.codec = requireNonNull(codec, "codec");
        this.meters = requireNonNull(meters, "meters");
    }

    @Override
    public void deliver(List<String> recipientIds, String originSession, ServerEvent.Pushed event) {
        @Nullable OutboundFrame frame = null;
        boolean many = recipientIds.size() > 1;
        // The origin is whatever session id the sender's client put in its request: honoured only among the
        // sender's own sockets, so no sender can keep a message from another user's socket.
        ServerEvent.@Nullable Delivered message = event instanceof ServerEvent.Delivered delivered ? delivered : null;
        @Nullable String originUser = message == null ? null : message.senderId();
        int queued = 0;
        for (String recipient : many ? recipientIds.stream().distinct().toList() : recipientIds) {
            boolean fromHere = recipient.equals(originUser);
            for (Connection connection : registry.connectionsOf(recipient)) {
                if (fromHere && connection.id().equals(originSession)) {
                    continue;
                }
                if (frame == null) {
                    byte[] utf8 = codec.encodeUtf8(event);
                    frame = many ? OutboundFrame.shared(utf8) : OutboundFrame.text(utf8);
                }
                if (connection.send(frame)) {
                    queued++;
                    if (message != null) {
                        meters.queued(message.createdAt());
                    }
                }
            }
        }
        meters.delivered(event, queued);
    }

    @Override
    public void deliverToEveryone(ServerEvent.Pushed event) {
        @Nullable Instant createdAt = event instanceof ServerEvent.Delivered message ? message.createdAt() : null;
        meters.delivered(event, toEverySignedInSocket(event, createdAt));
    }

    @Override
    public void resync() {
        meters.resynced(toEverySignedInSocket(new ServerEvent.Resync(), null));
    }

    /**
     * One frame, encoded only if a socket is signed in here, queued on every signed-in socket; a message's latency
     * ({@code createdAt} non-null) recorded for each. Returns the sockets it was queued on.
     */
    private int toEverySignedInSocket(ServerEvent event, @Nullable Instant createdAt) {
        EncodedOnDemand frame = new EncodedOnDemand(event);
        int[] queued = new int[1];
        registry.forEachConnection(connection -> {
            if (connection.send(frame.get())) {
                queued[0]++;
                if (createdAt != null) {
                    meters.queued(createdAt);
                }
            }
        });
        return queued[0];
    }

    /** The frame of an event, encoded on first use and shared from then on. */
    private final class EncodedOnDemand {

        private final ServerEvent event;
        private @Nullable OutboundFrame frame;

        EncodedOnDemand(ServerEvent event) {
            this.event = event;
        }

        OutboundFrame get() {
            if (frame == null) {
                frame = OutboundFrame.shared(codec.encodeUtf8(event));
            }
            return frame;
        }
    }
}
