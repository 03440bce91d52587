package dev.herald.message.send;

import dev.herald.auth.VerifiedUser;
import dev.herald.message.directory.UserDirectory;
import dev.herald.message.idempotency.ClientIdClaim;
import dev.herald.message.idempotency.ClientIdRegistry;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.stream.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Accepts a direct message: validate, give it an id and the server time, publish it to JetStream,
 * and only once JetStream has acknowledged it route it to the online sockets and answer. A retried
 * clientId resolves to the original message and is delivered at most once: only the publish that
 * JetStream did not flag as a duplicate is routed.
 */
public final class MessageSender {

    private final SendValidator validator;
    private final UserDirectory directory;
    private final ClientIdRegistry clientIds;
    private final EventPublisher publisher;
    private final DeliveryRouter router;
    private final MessageIds ids;
    private final Clock clock;

    public MessageSender(SendLimits limits, UserDirectory directory, ClientIdRegistry clientIds,
            EventPublisher publisher, DeliveryRouter router, MessageIds ids, Clock clock) {
        this.validator = new SendValidator(limits);
        this.directory = directory;
        this.clientIds = clientIds;
        this.publisher = publisher;
        this.router = router;
        this.ids = ids;
        this.clock = clock;
    }

    /** Validates synchronously (throws HeraldException); completes after the publish ack. */
    public CompletableFuture<SendResult> send(VerifiedUser sender, SendCommand request) {
        List<String> receivers = validator.validate(request);
        directory.requireKnown(receivers, "receivers");

        // Milliseconds: the precision of the id, of the clientId registry and of the protocol.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ClientIdClaim claim = request.clientId().isEmpty()
                ? ClientIdClaim.fresh(ids.next(now), now)
                : clientIds.claim(sender.id(), request.clientId(), ids.next(now), now);
        if (claim.stored()) {
            return CompletableFuture.completedFuture(new SendResult(claim.messageId(), claim.createdAt(), true));
        }

        DirectMessage message = new DirectMessage(claim.messageId(), sender.id(), sender.name(), receivers,
                request.title(), request.body(), request.type(), claim.createdAt(),
                Optional.of(request.clientId()).filter(id -> !id.isEmpty()));

        // A retry publishes again under the original id: JetStream drops it if the first publish
        // landed, and stores it if the first publish never did.
        return publisher.publish(message).thenApply(ack -> {
            if (!ack.isDuplicate()) {
                router.route(message, request.originSession());
            }
            return new SendResult(message.id(), message.createdAt(), !claim.fresh() || ack.isDuplicate());
        });
    }
}
