package dev.herald.message.presence;

import dev.herald.message.model.DirectMessage;
import dev.herald.message.wire.MessageProtos;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.ReadReceipt;
import dev.herald.proto.v1.RecallNotice;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Pushes an accepted message to the gateways that hold its receivers' and its sender's sockets:
 * one delivery per gateway carrying all of that gateway's recipients, so the payload crosses the
 * network and is serialized once per gateway, not once per recipient.
 */
public final class DeliveryRouter {

    private final PresenceTable presence;

    public DeliveryRouter(PresenceTable presence) {
        this.presence = presence;
    }

    /**
     * @param originSession the socket the message came from, which gets an ack rather than a copy
     */
    public void route(DirectMessage message, String originSession) {
        route(MessageProtos.message(message), originSession);
    }

    /** {@link #route(DirectMessage, String)} of a message already in the form the gateway links carry. */
    public void route(Message message, String originSession) {
        Set<String> recipients = new LinkedHashSet<>(message.getReceiversList());
        recipients.add(message.getSender().getId());
        deliver(recipients, Delivery.newBuilder().setMessage(message).setOriginSession(originSession));
    }

    /**
     * Pushes a room message to the room's members online (the sender is one of them): the sockets of each, except
     * {@code originSession}, which gets an ack rather than a copy.
     */
    public void routeToMembers(DirectMessage message, Collection<String> members, String originSession) {
        deliver(members, Delivery.newBuilder().setMessage(MessageProtos.message(message))
                .setOriginSession(originSession));
    }

    /** Tells a sender's sockets that a receiver read its message. */
    public void routeReadReceipt(String senderId, UUID messageId, String readerId, Instant readAt) {
        deliver(List.of(senderId), Delivery.newBuilder().setRead(ReadReceipt.newBuilder()
                .setMessageId(messageId.toString()).setReaderId(readerId).setReadAt(Timestamps.of(readAt))));
    }

    /** Tells the receivers' sockets that a message was recalled. */
    public void routeRecall(Collection<String> receivers, UUID messageId) {
        deliver(receivers, Delivery.newBuilder().setRecalled(RecallNotice.newBuilder()
                .setMessageId(messageId.toString())));
    }

    /** Tells the online members of a room that a message of it was recalled. */
    public void routeRoomRecall(Collection<String> members, UUID messageId, UUID roomId) {
        deliver(members, Delivery.newBuilder().setRecalled(RecallNotice.newBuilder()
                .setMessageId(messageId.toString()).setRoomId(roomId.toString())));
    }

    /** Tells every socket that an announcement was recalled. */
    public void routeRecallToEveryone(UUID messageId) {
        deliverToEveryGateway(Delivery.newBuilder().setRecalled(RecallNotice.newBuilder()
                .setMessageId(messageId.toString())));
    }

    /**
     * Sends one delivery to every linked gateway for every signed-in socket it holds ({@code everyone}): an
     * announcement reaches all online users with one delivery per gateway, never one per user.
     */
    public void deliverToEveryGateway(Delivery.Builder payload) {
        LinkResponse response = LinkResponse.newBuilder()
                .setDelivery(payload.clone().clearRecipientIds().setEveryone(true)).build();
        presence.gateways().forEach(channel -> channel.send(response));
    }

    /**
     * Sends one delivery to each gateway holding sockets of any of the recipients, naming its recipients there.
     * Each kind of push (room notices, presence, typing) builds its payload in its own class and routes it here.
     */
    public void deliver(Collection<String> recipients, Delivery.Builder payload) {
        Map<GatewayChannel, List<String>> byGateway = presence.locate(recipients);
        byGateway.forEach((channel, users) -> channel.send(LinkResponse.newBuilder()
                .setDelivery(payload.clone().clearRecipientIds().addAllRecipientIds(users))
                .build()));
    }
}
