package dev.herald.message.send;

import com.google.protobuf.Timestamp;
import dev.herald.auth.VerifiedUser;
import dev.herald.message.directory.UserDirectory;
import dev.herald.message.idempotency.ClientIdClaim;
import dev.herald.message.idempotency.ClientIdRegistry;
import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.stream.EventPublisher;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import dev.herald.proto.v1.User;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
    public CompletableFuture<SendResponse> send(VerifiedUser sender, SendRequest request) {
        List<String> receivers = validator.validate(request);
        directory.requireKnown(receivers, "receivers");

        // Milliseconds: the precision of the id, of the clientId registry and of the protocol.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ClientIdClaim claim = request.getClientId().isEmpty()
                ? ClientIdClaim.fresh(ids.next(now).toString(), now)
                : clientIds.claim(sender.id(), request.getClientId(), ids.next(now).toString(), now);
        if (claim.stored()) {
            return CompletableFuture.completedFuture(response(claim.messageId(), timestamp(claim.createdAt()), true));
        }

        Message message = Message.newBuilder()
                .setId(claim.messageId())
                .setSender(User.newBuilder().setId(sender.id()).setName(sender.name()))
                .addAllReceivers(receivers)
                .setTitle(request.getTitle())
                .setBody(request.getBody())
                .setType(request.getType())
                .setCreatedAt(timestamp(claim.createdAt()))
                .setClientId(request.getClientId())
                .build();

        // A retry publishes again under the original id: JetStream drops it if the first publish
        // landed, and stores it if the first publish never did.
        return publisher.publish(message).thenApply(ack -> {
            if (!ack.isDuplicate()) {
                router.route(message, request.getOriginSession());
            }
            return response(message.getId(), message.getCreatedAt(), !claim.fresh() || ack.isDuplicate());
        });
    }

    private static SendResponse response(String id, Timestamp createdAt, boolean duplicate) {
        return SendResponse.newBuilder().setId(id).setCreatedAt(createdAt).setDuplicate(duplicate).build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
