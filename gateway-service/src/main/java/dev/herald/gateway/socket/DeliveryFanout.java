package dev.herald.gateway.socket;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.link.DeliverySink;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.gateway.protocol.ServerEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Fans a delivery (a {@code message}, {@code read} or {@code recalled} event) out to the local sockets of its
 * recipients. The frame is encoded once per delivery and the
 * same string queued on every socket; queuing never blocks, so a slow socket delays nobody else.
 */
final class DeliveryFanout implements DeliverySink {

    private final SessionRegistry registry;
    private final EventCodec codec;

    DeliveryFanout(SessionRegistry registry, EventCodec codec) {
        this.registry = requireNonNull(registry, "registry");
        this.codec = requireNonNull(codec, "codec");
    }

    @Override
    public void deliver(List<String> recipientIds, String originSession, ServerEvent.Pushed event) {
        @Nullable String frame = null;
        for (String recipient : recipientIds.size() > 1 ? recipientIds.stream().distinct().toList() : recipientIds) {
            for (Connection connection : registry.connectionsOf(recipient)) {
                if (connection.id().equals(originSession)) {
                    continue;
                }
                if (frame == null) {
                    frame = codec.encode(event);
                }
                connection.sendText(frame);
            }
        }
    }
}
