package dev.herald.message.send;

import dev.herald.message.idempotency.ClientIdClaim;
import dev.herald.message.idempotency.ClientIdRegistry;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.stream.EventPublisher;
import io.nats.client.api.PublishAck;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Gives a checked message its id and the server time, publishes it to JetStream and, only once JetStream has
 * acknowledged it, routes it. A retried clientId resolves to the original message and is routed at most once: a
 * retry of a message whose publish was acknowledged publishes nothing, and of the others only the publish that
 * JetStream did not flag as a duplicate is routed. The same for direct and room messages and announcements.
 */
final class Publication {

    private final ClientIdRegistry clientIds;
    private final EventPublisher publisher;
    private final MessageIds ids;
    private final Clock clock;

    Publication(ClientIdRegistry clientIds, EventPublisher publisher, MessageIds ids, Clock clock) {
        this.clientIds = clientIds;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * @param clientId the sender's retry key; empty: none
     * @param draft the message under the claimed id and time
     * @param route pushes the message to the online sockets, once
     */
    CompletableFuture<SendResult> publish(String senderId, String clientId, Function<ClientIdClaim, DirectMessage> draft,
            Consumer<DirectMessage> route) {
        // Milliseconds: the precision of the id, of the clientId registry and of the protocol.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        boolean withClientId = !clientId.isEmpty();
        ClientIdClaim claim = withClientId
                ? clientIds.claim(senderId, clientId, ids.next(now), now)
                : ClientIdClaim.fresh(ids.next(now), now, 0);
        if (claim.accepted()) {
            // Published or stored before, and routed by the send that published it: also past the duplicate window.
            return CompletableFuture.completedFuture(new SendResult(claim.messageId(), claim.createdAt(), true));
        }
        DirectMessage message = draft.apply(claim);

        // A retry whose original was never acknowledged publishes again under the original id: JetStream drops it
        // if the first publish landed after all, and stores it if it never did.
        CompletableFuture<PublishAck> published = publisher.publish(message);
        if (!withClientId) {
            return published.thenApply(ack -> routed(message, claim, ack, route));
        }
        // Marked before routing: a crash in between loses a live delivery (sync has it), never doubles one.
        return published.thenCompose(ack -> clientIds.markPublished(senderId, clientId, claim)
                .thenApply(marked -> routed(message, claim, ack, route)));
    }

    /** Routes the message unless JetStream had it already (then the publish that stored it routed it). */
    private static SendResult routed(DirectMessage message, ClientIdClaim claim, PublishAck ack,
            Consumer<DirectMessage> route) {
        if (!ack.isDuplicate()) {
            route.accept(message);
        }
        return new SendResult(message.id(), message.createdAt(), !claim.fresh() || ack.isDuplicate());
    }
}
