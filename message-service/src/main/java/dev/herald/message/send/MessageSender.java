package dev.herald.message.send;

import dev.herald.auth.VerifiedUser;
import dev.herald.message.directory.UserDirectory;
import dev.herald.message.idempotency.ClientIdClaim;
import dev.herald.message.idempotency.ClientIdRegistry;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.room.RoomAccess;
import dev.herald.message.room.RoomAccess.CurrentMembers;
import dev.herald.message.stream.EventPublisher;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Accepts a direct or a room message: validate, check the receivers (known users) or the room (the sender is a
 * member), then publish and route it ({@link Publication}). A room message is one event whatever the member count,
 * and goes live to the members online when it was accepted, the sender's other sockets included.
 */
public final class MessageSender {

    private final SendValidator validator;
    private final UserDirectory directory;
    private final RoomAccess rooms;
    private final DeliveryRouter router;
    private final Publication publication;

    public MessageSender(SendLimits limits, UserDirectory directory, RoomAccess rooms, ClientIdRegistry clientIds,
            EventPublisher publisher, DeliveryRouter router, MessageIds ids, Clock clock) {
        this.validator = new SendValidator(limits);
        this.directory = directory;
        this.rooms = rooms;
        this.router = router;
        this.publication = new Publication(clientIds, publisher, ids, clock);
    }

    /** Validates synchronously (throws HeraldException); completes after the publish ack. */
    public CompletableFuture<SendResult> send(VerifiedUser sender, SendCommand request) {
        return switch (validator.validate(request)) {
            case Audience.Receivers receivers -> toReceivers(sender, request, receivers.ids());
            case Audience.Room room -> toRoom(sender, request, room.id());
        };
    }

    private CompletableFuture<SendResult> toReceivers(VerifiedUser sender, SendCommand request,
            List<String> receivers) {
        directory.requireKnown(receivers, "receivers");
        return publication.publish(sender.id(), request.clientId(),
                claim -> message(sender, request, claim, receivers, Optional.empty()),
                message -> router.route(message, request.originSession()));
    }

    /** Nothing is claimed or published for a sender who is not a member. */
    private CompletableFuture<SendResult> toRoom(VerifiedUser sender, SendCommand request, UUID roomId) {
        CurrentMembers members = rooms.requireMember(sender.id(), roomId, "room_id");
        return publication.publish(sender.id(), request.clientId(),
                claim -> message(sender, request, claim, List.of(), Optional.of(roomId)),
                message -> router.routeToMembers(message, members.memberIds(), request.originSession()));
    }

    private static DirectMessage message(VerifiedUser sender, SendCommand request, ClientIdClaim claim,
            List<String> receivers, Optional<UUID> roomId) {
        return new DirectMessage(claim.messageId(), sender.id(), sender.name(), receivers, request.title(),
                request.body(), request.type(), claim.createdAt(),
                Optional.of(request.clientId()).filter(id -> !id.isEmpty()), roomId, false);
    }
}
