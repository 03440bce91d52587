package dev.herald.gateway.link;

import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.proto.v1.Message;
import java.time.Instant;

/** Converts the message of a {@code Delivery} into the {@code message} server event. */
final class DeliveryMapper {

    private DeliveryMapper() {}

    static ServerEvent.Delivered toEvent(Message message) {
        return new ServerEvent.Delivered(
                message.getId(),
                message.getSender().getId(),
                message.getSender().getName(),
                message.getReceiversList(),
                message.getTitle(),
                message.getBody(),
                message.getType(),
                Instant.ofEpochSecond(message.getCreatedAt().getSeconds(), message.getCreatedAt().getNanos()));
    }
}
