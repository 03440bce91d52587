package dev.herald.message.send;

import dev.herald.auth.VerifiedUser;
import dev.herald.message.directory.UserDirectory;
import dev.herald.message.idempotency.ClientIdClaim;
import dev.herald.message.idempotency.ClientIdRegistry;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.stream.EventPublisher;
import io.nats.client.api.PublishAck;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Accepts a direct message: validate, give it an id and the server time, publish it to JetStream,
 * and only once JetStream has acknowledged it route it to the online sockets and answer. A retried
 * clientId resolves to the original message and is delivered at most once: a retry of a message
 * whose publish was acknowledged publishes nothing, and of the others only the publish that
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
        boolean withClientId = !request.clientId().isEmpty();
        ClientIdClaim claim = withClientId
                ? clientIds.claim(sender.id(), request.clientId(), ids.next(now), now)
                : ClientIdClaim.fresh(ids.next(now), now, 0);
        if (claim.accepted()) {
            // Published or stored before, and routed by the send that published it: also past the duplicate window.
            return CompletableFuture.completedFuture(new SendResult(claim.messageId(), claim.createdAt(), true));
        }

        DirectMessage message = new DirectMessage(claim.messageId(), sender.id(), sender.name(), receivers,
                request.title(), request.body(), request.type(), claim.createdAt(),
                Optional.of(request.clientId()).filter(id -> !id.isEmpty()));

        // A retry whose original was never acknowledged publishes again under the original id: JetStream drops it
        // if the first publish landed after all, and stores it if it never did.
        CompletableFuture<PublishAck> published = publisher.publish(message);
        if (!withClientId) {
            return published.thenApply(ack -> routed(message, request, claim, ack));
        }
        // Marked before routing: a crash in between loses a live delivery (sync has it), never doubles one.
        return published.thenCompose(ack -> clientIds.markPublished(sender.id(), request.clientId(), claim)
                .thenApply(marked -> routed(message, request, claim, ack)));
    }

    /** Routes the message unless JetStream had it already (then the publish that stored it routed it). */
    private SendResult routed(DirectMessage message, SendCommand request, ClientIdClaim claim, PublishAck ack) {
        if (!ack.isDuplicate()) {
            router.route(message, request.originSession());
        }
        return new SendResult(message.id(), message.createdAt(), !claim.fresh() || ack.isDuplicate());
    }
}
