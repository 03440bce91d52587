package dev.herald.gateway.link;

import com.google.protobuf.Timestamp;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.Message;
import java.time.Instant;
import java.util.Optional;

/** Converts the payload of a {@code Delivery} into the server event its recipients' sockets get. */
final class DeliveryMapper {

    private DeliveryMapper() {}

    /** The event of the delivery's payload; empty when it has none (a newer instance's payload, say). */
    static Optional<ServerEvent.Pushed> toEvent(Delivery delivery) {
        return switch (delivery.getPayloadCase()) {
            case MESSAGE -> Optional.of(toEvent(delivery.getMessage()));
            case READ -> Optional.of(new ServerEvent.ReadReceipt(delivery.getRead().getMessageId(),
                    delivery.getRead().getReaderId(), instant(delivery.getRead().getReadAt())));
            case RECALLED -> Optional.of(new ServerEvent.Recalled(delivery.getRecalled().getMessageId()));
            // Not sent by any instance yet.
            case PRESENCE, TYPING, ROOM, PAYLOAD_NOT_SET -> Optional.empty();
        };
    }

    /** What a log line says about a delivery: its kind and message id, never its content. */
    static String describe(Delivery delivery) {
        return switch (delivery.getPayloadCase()) {
            case MESSAGE -> "message " + delivery.getMessage().getId();
            case READ -> "read " + delivery.getRead().getMessageId();
            case RECALLED -> "recalled " + delivery.getRecalled().getMessageId();
            case PRESENCE -> "presence";
            case TYPING -> "typing";
            case ROOM -> "room " + delivery.getRoom().getRoomId();
            case PAYLOAD_NOT_SET -> "without payload";
        };
    }

    static ServerEvent.Delivered toEvent(Message message) {
        return new ServerEvent.Delivered(
                message.getId(),
                message.getSender().getId(),
                message.getSender().getName(),
                message.getReceiversList(),
                message.getTitle(),
                message.getBody(),
                message.getType(),
                instant(message.getCreatedAt()));
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
