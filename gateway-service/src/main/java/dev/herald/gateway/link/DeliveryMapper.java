package dev.herald.gateway.link;

import com.google.protobuf.Timestamp;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.PresenceNotice;
import dev.herald.proto.v1.RoomNotice;
import java.time.Instant;
import java.util.Optional;

/** Converts the payload of a {@code Delivery} into the server event its recipients' sockets get. */
final class DeliveryMapper {

    private DeliveryMapper() {}

    /**
     * The event of the delivery's payload; empty when it has none, or one this gateway cannot show (a newer
     * instance's payload or room change, say).
     */
    static Optional<ServerEvent.Pushed> toEvent(Delivery delivery) {
        return switch (delivery.getPayloadCase()) {
            case MESSAGE -> Optional.of(toEvent(delivery.getMessage()));
            case READ -> Optional.of(new ServerEvent.ReadReceipt(delivery.getRead().getMessageId(),
                    delivery.getRead().getReaderId(), instant(delivery.getRead().getReadAt())));
            case RECALLED -> Optional.of(new ServerEvent.Recalled(delivery.getRecalled().getMessageId(),
                    delivery.getRecalled().getRoomId()));
            case PRESENCE -> Optional.of(toEvent(delivery.getPresence()));
            case TYPING -> Optional.of(new ServerEvent.Typing(delivery.getTyping().getFromUserId(),
                    delivery.getTyping().getRoomId()));
            case ROOM -> toEvent(delivery.getRoom());
            case PAYLOAD_NOT_SET -> Optional.empty();
        };
    }

    /** What a log line says about a delivery: its kind and message or room id, never its content. */
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
                instant(message.getCreatedAt()),
                message.getRoomId(),
                message.getAnnouncement());
    }

    private static ServerEvent.Presence toEvent(PresenceNotice notice) {
        // last_seen is set only when the user went offline; an online user has no last-seen time.
        return new ServerEvent.Presence(notice.getUserId(), notice.getOnline(),
                notice.getOnline() || !notice.hasLastSeen() ? null : instant(notice.getLastSeen()));
    }

    private static Optional<ServerEvent.Pushed> toEvent(RoomNotice notice) {
        Optional<ServerEvent.RoomChange> change = switch (notice.getChange()) {
            case CHANGE_ADDED -> Optional.of(ServerEvent.RoomChange.ADDED);
            case CHANGE_REMOVED -> Optional.of(ServerEvent.RoomChange.REMOVED);
            case CHANGE_DELETED -> Optional.of(ServerEvent.RoomChange.DELETED);
            case CHANGE_UPDATED -> Optional.of(ServerEvent.RoomChange.UPDATED);
            // Unset, or a change a newer instance knows and this gateway cannot name for its clients.
            case CHANGE_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
        };
        return change.map(known -> new ServerEvent.RoomChanged(notice.getRoomId(), known, notice.getByUserId()));
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
