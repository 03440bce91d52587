package dev.herald.message.outbox;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.batch.MessageIdList;
import dev.herald.message.idempotency.FirstClaims;
import dev.herald.message.idempotency.FirstClaims.Change;
import dev.herald.message.model.MessageWithReceipts;
import dev.herald.message.outbox.SelectOwnSent.Operation;
import dev.herald.message.page.Page;
import dev.herald.message.page.PageRequest;
import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.QueryRunner;
import dev.herald.message.store.SelectReceipts;
import dev.herald.message.store.SentMessages;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.stream.StreamUpdate;
import dev.herald.schema.generated.tables.records.ReceiptsRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A sender's messages: its own view with every receiver's read state, deletes and recalls. A delete or recall is
 * reported (and a recall pushed) by the one request that claims it first ({@link FirstClaims}), however many come at
 * once on any instance; the others find it already done (unknown, as a later request would).
 */
public final class Outbox {

    private static final int DEFAULT_LIMIT = 50;

    private final QueryRunner queries;
    private final SentMessages sentMessages;
    private final Consistency consistency;
    private final EventPublisher publisher;
    private final DeliveryRouter router;
    private final FirstClaims claims;
    private final int maxIds;
    private final Clock clock;

    public Outbox(QueryRunner queries, Consistency consistency, EventPublisher publisher, DeliveryRouter router,
            FirstClaims claims, int maxIds, Clock clock) {
        this.queries = queries;
        this.sentMessages = new SentMessages(queries);
        this.consistency = consistency;
        this.publisher = publisher;
        this.router = router;
        this.claims = claims;
        this.maxIds = maxIds;
        this.clock = clock;
    }

    /** The sender's messages before the cursor {@code before} (empty: newest), newest first. */
    public Page<MessageWithReceipts> list(String senderId, String before, int requestedLimit) {
        PageRequest page = PageRequest.ofMessages(before, "before", requestedLimit, DEFAULT_LIMIT);
        consistency.awaitEarlierWrites();
        return sentMessages.page(page, new SelectSentPage(senderId, page.cursor(), page.rowsToFetch()));
    }

    /** Deletes from the sender's own view; receivers keep theirs. */
    public CompletableFuture<BatchResult> delete(String senderId, List<String> rawIds) {
        FirstChange first = firstToChange(senderId, rawIds, Operation.DELETE_FROM_VIEW, Change.DELETE_SENT);
        BatchResult result = first.result();
        if (result.changed().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return releasedOnFailure(first.claims(),
                publisher.publishUpdate(new StreamUpdate.SentDeleted(senderId, result.changed(), now())))
                .thenApply(ack -> result);
    }

    /**
     * Deletes for everyone: receivers stop seeing it and their online sockets get {@code recalled}; of a room message,
     * the room's current members online; of an announcement, every socket (one delivery per gateway).
     */
    public CompletableFuture<BatchResult> recall(String senderId, List<String> rawIds) {
        FirstChange first = firstToChange(senderId, rawIds, Operation.RECALL, Change.RECALL);
        BatchResult result = first.result();
        if (result.changed().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        RecallAudience audience;
        try {
            audience = recallAudience(result.changed());
        } catch (RuntimeException e) {
            claims.release(first.claims());
            throw e;
        }
        return releasedOnFailure(first.claims(),
                publisher.publishUpdate(new StreamUpdate.MessagesRecalled(senderId, result.changed(), now())))
                .thenApply(ack -> {
                    pushRecalls(audience);
                    return result;
                });
    }

    private RecallAudience recallAudience(List<UUID> messageIds) {
        Map<UUID, List<String>> receivers = new HashMap<>();
        queries.run(new SelectReceipts(messageIds)).forEach((id, rows) ->
                receivers.put(id, rows.stream().map(ReceiptsRecord::getReceiverId).toList()));
        List<SharedMessage> shared = queries.run(new SelectSharedMessages(messageIds));
        Map<UUID, UUID> roomOfMessage = new HashMap<>();
        shared.forEach(m -> m.roomId().ifPresent(room -> roomOfMessage.put(m.id(), room)));
        return new RecallAudience(receivers, roomOfMessage,
                queries.run(new SelectCurrentMembers(Set.copyOf(roomOfMessage.values()))),
                shared.stream().filter(SharedMessage::announcement).map(SharedMessage::id).toList());
    }

    private void pushRecalls(RecallAudience audience) {
        audience.receivers().forEach((id, receivers) -> router.routeRecall(receivers, id));
        audience.roomOfMessage().forEach((id, room) ->
                router.routeRoomRecall(audience.membersOfRoom().getOrDefault(room, List.of()), id, room));
        audience.announcements().forEach(router::routeRecallToEveryone);
    }

    /**
     * Ownership check: the named messages the sender may apply {@code operation} to, once every earlier write is
     * stored (a message accepted a moment ago, a delete or recall just acked), and of those the ones this request
     * claimed first (changed); the rest are unknown.
     */
    private FirstChange firstToChange(String senderId, List<String> rawIds, Operation operation, Change change) {
        MessageIdList ids = MessageIdList.parse(rawIds, maxIds);
        Set<UUID> own = ids.ids().isEmpty() ? Set.of() : consistency.lookupAfterEarlierWrites(
                () -> queries.run(new SelectOwnSent(senderId, ids.ids(), operation)));
        FirstClaims.Won first = claims.claim(change, senderId, ids.inRequestOrder(own));
        return new FirstChange(new BatchResult(ids.inRequestOrder(first.ids()), ids.unknownAmong(first.ids())), first);
    }

    /** What a request changes first, and the claims that make it the first. */
    private record FirstChange(BatchResult result, FirstClaims.Won claims) {}

    /** A change whose publish failed was not made: give its claims back, so that a retry makes it. */
    private <T> CompletableFuture<T> releasedOnFailure(FirstClaims.Won claimed, CompletableFuture<T> publish) {
        return publish.whenComplete((ack, failure) -> {
            if (failure != null) {
                claims.release(claimed);
            }
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
