package dev.herald.message.send;

import dev.herald.auth.VerifiedUser;
import dev.herald.message.idempotency.ClientIdRegistry;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.wire.MessageProtos;
import dev.herald.proto.v1.Delivery;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Accepts an admin's announcement to every user: checked like a send, published once as a message with no receivers,
 * and pushed with one delivery per gateway for all its sockets. Everyone else finds it in sync and in their unread
 * count. Next to the sender because it shares the checks, the ids and the clientId handling of a send.
 */
public final class Announcer {

    private final SendValidator validator;
    private final DeliveryRouter router;
    private final Publication publication;

    public Announcer(SendLimits limits, ClientIdRegistry clientIds, EventPublisher publisher, DeliveryRouter router,
            MessageIds ids, Clock clock) {
        this.validator = new SendValidator(limits);
        this.router = router;
        this.publication = new Publication(clientIds, publisher, ids, clock);
    }

    /** Validates synchronously (throws HeraldException); completes after the publish ack. */
    public CompletableFuture<SendResult> announce(VerifiedUser admin, AnnounceCommand request) {
        validator.validateContent(request.title(), request.body(), request.type(), request.clientId());
        return publication.publish(admin.id(), request.clientId(),
                claim -> new DirectMessage(claim.messageId(), admin.id(), admin.name(), List.of(), request.title(),
                        request.body(), request.type(), claim.createdAt(),
                        Optional.of(request.clientId()).filter(id -> !id.isEmpty()), Optional.empty(), true),
                // The clientId is the admin's retry key, not everyone's.
                message -> router.deliverToEveryGateway(
                        Delivery.newBuilder().setMessage(MessageProtos.message(message.withoutClientId()))));
    }

    /**
     * An announcement as an admin asks for it.
     *
     * @param clientId the admin's retry key; empty: none
     */
    public record AnnounceCommand(String title, String body, String type, String clientId) {}
}
