package dev.herald.message.outbox;

import static dev.herald.schema.generated.Tables.MESSAGES;

import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.query.Consistency;
import dev.herald.message.query.MessageIdList;
import dev.herald.message.query.PageRequest;
import dev.herald.message.query.QueryRunner;
import dev.herald.message.query.SelectReceipts;
import dev.herald.message.query.SentMessages;
import dev.herald.message.query.Timestamps;
import dev.herald.message.stream.EventPublisher;
import dev.herald.proto.v1.DeleteSentResponse;
import dev.herald.proto.v1.ListSentRequest;
import dev.herald.proto.v1.ListSentResponse;
import dev.herald.proto.v1.MessagesRecalled;
import dev.herald.proto.v1.RecallNotice;
import dev.herald.proto.v1.RecallResponse;
import dev.herald.proto.v1.SentDeleted;
import dev.herald.proto.v1.SentMessage;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.schema.generated.tables.records.MessagesRecord;
import dev.herald.schema.generated.tables.records.ReceiptsRecord;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jooq.Condition;

/** A sender's messages: its own view with every receiver's read state, deletes and recalls. */
public final class Outbox {

    private static final int DEFAULT_LIMIT = 50;

    private final QueryRunner queries;
    private final SentMessages sentMessages;
    private final Consistency consistency;
    private final EventPublisher publisher;
    private final DeliveryRouter router;
    private final int maxIds;
    private final Clock clock;

    public Outbox(QueryRunner queries, Consistency consistency, EventPublisher publisher, DeliveryRouter router,
            int maxIds, Clock clock) {
        this.queries = queries;
        this.sentMessages = new SentMessages(queries);
        this.consistency = consistency;
        this.publisher = publisher;
        this.router = router;
        this.maxIds = maxIds;
        this.clock = clock;
    }

    public ListSentResponse list(String senderId, ListSentRequest request) {
        int limit = PageRequest.limit(request.getLimit(), DEFAULT_LIMIT);
        Optional<UUID> before = PageRequest.cursor(request.getBefore(), "before");
        consistency.awaitEarlierWrites();
        List<MessagesRecord> rows = queries.run(new SelectSentPage(senderId, before, limit + 1));
        boolean hasMore = rows.size() > limit;
        List<SentMessage> page = sentMessages.withReceipts(hasMore ? rows.subList(0, limit) : rows);
        return ListSentResponse.newBuilder()
                .addAllMessages(page)
                .setNextBefore(hasMore ? page.getLast().getMessage().getId() : "")
                .build();
    }

    public CompletableFuture<DeleteSentResponse> delete(String senderId, List<String> rawIds) {
        MessageIdList ids = MessageIdList.parse(rawIds, maxIds);
        Set<UUID> own = ownSent(senderId, ids, MESSAGES.SENDER_DELETED_AT.isNull());
        DeleteSentResponse.Builder response = DeleteSentResponse.newBuilder().addAllUnknown(ids.unknownAmong(own));
        if (own.isEmpty()) {
            return CompletableFuture.completedFuture(response.build());
        }
        List<String> changed = ordered(ids, own);
        StreamEvent event = StreamEvent.newBuilder().setSentDeleted(SentDeleted.newBuilder()
                .setSenderId(senderId).addAllMessageIds(changed)
                .setDeletedAt(Timestamps.of(clock.instant().truncatedTo(ChronoUnit.MILLIS)))).build();
        return publisher.publishUpdate(event).thenApply(ack -> response.addAllChanged(changed).build());
    }

    /** Deletes for everyone: receivers stop seeing it and their online sockets get {@code recalled}. */
    public CompletableFuture<RecallResponse> recall(String senderId, List<String> rawIds) {
        MessageIdList ids = MessageIdList.parse(rawIds, maxIds);
        Set<UUID> own = ownSent(senderId, ids, MESSAGES.RECALLED_AT.isNull());
        RecallResponse.Builder response = RecallResponse.newBuilder().addAllUnknown(ids.unknownAmong(own));
        if (own.isEmpty()) {
            return CompletableFuture.completedFuture(response.build());
        }
        List<String> changed = ordered(ids, own);
        Map<UUID, List<ReceiptsRecord>> receipts = queries.run(new SelectReceipts(own));
        StreamEvent event = StreamEvent.newBuilder().setMessagesRecalled(MessagesRecalled.newBuilder()
                .setSenderId(senderId).addAllMessageIds(changed)
                .setRecalledAt(Timestamps.of(clock.instant().truncatedTo(ChronoUnit.MILLIS)))).build();
        return publisher.publishUpdate(event).thenApply(ack -> {
            receipts.forEach((id, rows) -> router.routeRecall(
                    rows.stream().map(ReceiptsRecord::getReceiverId).toList(),
                    RecallNotice.newBuilder().setMessageId(id.toString()).build()));
            return response.addAllChanged(changed).build();
        });
    }

    /** Ownership check; a message accepted a moment ago may not be stored yet, so retry after the watermark. */
    private Set<UUID> ownSent(String senderId, MessageIdList ids, Condition stillApplies) {
        if (ids.ids().isEmpty()) {
            return Set.of();
        }
        return consistency.lookupWaitingForMissing(
                () -> queries.run(new SelectOwnSent(senderId, ids.ids(), stillApplies)),
                own -> own.size() == ids.ids().size());
    }

    private static List<String> ordered(MessageIdList ids, Collection<UUID> found) {
        return ids.ids().stream().filter(found::contains).map(UUID::toString).toList();
    }

}
