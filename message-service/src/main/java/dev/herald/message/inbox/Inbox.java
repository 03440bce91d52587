package dev.herald.message.inbox;

import dev.herald.message.error.HeraldException;
import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.query.Consistency;
import dev.herald.message.query.MessageIdList;
import dev.herald.message.query.MessageRows;
import dev.herald.message.query.PageRequest;
import dev.herald.message.query.QueryRunner;
import dev.herald.message.query.SelectReceipts;
import dev.herald.message.query.Timestamps;
import dev.herald.message.stream.EventPublisher;
import dev.herald.proto.v1.DeleteReceivedResponse;
import dev.herald.proto.v1.ListReceivedRequest;
import dev.herald.proto.v1.ListReceivedResponse;
import dev.herald.proto.v1.MarkReadResponse;
import dev.herald.proto.v1.ReadReceipt;
import dev.herald.proto.v1.ReceiptsDeleted;
import dev.herald.proto.v1.ReceiptsRead;
import dev.herald.proto.v1.ReceivedMessage;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.SyncRequest;
import dev.herald.proto.v1.SyncResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A receiver's messages. Reads first wait for the persistence watermark, so nothing accepted
 * before the request is missed; changes go through the stream like every write and name only
 * messages the caller received, so someone else's id is reported unknown, never touched.
 */
public final class Inbox {

    private static final int DEFAULT_SYNC_LIMIT = 100;
    private static final int DEFAULT_LIST_LIMIT = 50;
    private static final InboxFilter EVERYTHING =
            new InboxFilter(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    private final QueryRunner queries;
    private final Consistency consistency;
    private final EventPublisher publisher;
    private final DeliveryRouter router;
    private final int maxIds;
    private final Clock clock;

    public Inbox(QueryRunner queries, Consistency consistency, EventPublisher publisher, DeliveryRouter router,
            int maxIds, Clock clock) {
        this.queries = queries;
        this.consistency = consistency;
        this.publisher = publisher;
        this.router = router;
        this.maxIds = maxIds;
        this.clock = clock;
    }

    public SyncResponse sync(String receiverId, SyncRequest request) {
        int limit = PageRequest.limit(request.getLimit(), DEFAULT_SYNC_LIMIT);
        Optional<UUID> after = PageRequest.cursor(request.getAfter(), "after");
        consistency.awaitEarlierWrites();
        List<InboxRow> rows = queries.run(new SelectInboxPage(receiverId, EVERYTHING, after, false, limit + 1));
        boolean hasMore = rows.size() > limit;
        List<ReceivedMessage> page = toReceived(hasMore ? rows.subList(0, limit) : rows);
        return SyncResponse.newBuilder()
                .addAllMessages(page)
                .setNextAfter(page.isEmpty() ? request.getAfter() : page.getLast().getMessage().getId())
                .setHasMore(hasMore)
                .build();
    }

    public ListReceivedResponse list(String receiverId, ListReceivedRequest request) {
        int limit = PageRequest.limit(request.getLimit(), DEFAULT_LIST_LIMIT);
        Optional<UUID> before = PageRequest.cursor(request.getBefore(), "before");
        InboxFilter filter = new InboxFilter(request.getUnreadOnly(),
                Optional.of(request.getSenderId()).filter(s -> !s.isEmpty()),
                Optional.of(request.getType()).filter(s -> !s.isEmpty()),
                PageRequest.idBound(request.hasSince(), request.getSince()),
                PageRequest.idBound(request.hasUntil(), request.getUntil()));
        consistency.awaitEarlierWrites();
        List<InboxRow> rows = queries.run(new SelectInboxPage(receiverId, filter, before, true, limit + 1));
        boolean hasMore = rows.size() > limit;
        List<ReceivedMessage> page = toReceived(hasMore ? rows.subList(0, limit) : rows);
        return ListReceivedResponse.newBuilder()
                .addAllMessages(page)
                .setNextBefore(hasMore ? page.getLast().getMessage().getId() : "")
                .build();
    }

    public long countUnread(String receiverId) {
        consistency.awaitEarlierWrites();
        return queries.run(new CountUnread(receiverId));
    }

    /** One received message; NOT_FOUND when the caller did not receive it (or deleted it). */
    public ReceivedMessage get(String receiverId, String id) {
        UUID messageId = PageRequest.cursor(id, "id")
                .orElseThrow(() -> new HeraldException.InvalidArgument("id", "id must not be empty"));
        InboxRow row = findOwn(receiverId, messageId);
        return toReceived(List.of(row)).getFirst();
    }

    private InboxRow findOwn(String receiverId, UUID messageId) {
        InboxFilter exactly = new InboxFilter(false, Optional.empty(), Optional.empty(),
                Optional.of(messageId), Optional.empty());
        List<InboxRow> rows = queries.run(new SelectInboxPage(receiverId, exactly, Optional.empty(), false, 1));
        if (rows.isEmpty() || !rows.getFirst().message().getId().equals(messageId)) {
            consistency.awaitEarlierWrites(); // It may have been accepted a moment ago.
            rows = queries.run(new SelectInboxPage(receiverId, exactly, Optional.empty(), false, 1));
        }
        if (rows.isEmpty() || !rows.getFirst().message().getId().equals(messageId)) {
            throw new HeraldException.NotFound("id", "message not found: " + messageId);
        }
        return rows.getFirst();
    }

    /** Marks read what the caller received and has not read; tells each sender's sockets. */
    public CompletableFuture<MarkReadResponse> markRead(String receiverId, List<String> rawIds) {
        MessageIdList ids = MessageIdList.parse(rawIds, maxIds);
        List<OwnReceipt> own = ownReceipts(receiverId, ids);
        List<OwnReceipt> unread = own.stream().filter(r -> !r.read()).toList();
        List<String> unknown = ids.unknownAmong(messageIdsOf(own));
        Instant readAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        MarkReadResponse.Builder response = MarkReadResponse.newBuilder()
                .addAllUnknown(unknown).setReadAt(Timestamps.of(readAt));
        if (unread.isEmpty()) {
            return CompletableFuture.completedFuture(response.build());
        }
        List<String> changed = unread.stream().map(r -> r.messageId().toString()).toList();
        StreamEvent event = StreamEvent.newBuilder().setReceiptsRead(ReceiptsRead.newBuilder()
                .setReceiverId(receiverId).addAllMessageIds(changed).setReadAt(Timestamps.of(readAt))).build();
        return publisher.publishUpdate(event).thenApply(ack -> {
            unread.forEach(r -> router.routeReadReceipt(r.senderId(), ReadReceipt.newBuilder()
                    .setMessageId(r.messageId().toString()).setReaderId(receiverId)
                    .setReadAt(Timestamps.of(readAt)).build()));
            return response.addAllChanged(changed).build();
        });
    }

    /** Deletes from the caller's view what the caller received; nobody else's view changes. */
    public CompletableFuture<DeleteReceivedResponse> delete(String receiverId, List<String> rawIds) {
        MessageIdList ids = MessageIdList.parse(rawIds, maxIds);
        List<OwnReceipt> own = ownReceipts(receiverId, ids);
        DeleteReceivedResponse.Builder response = DeleteReceivedResponse.newBuilder()
                .addAllUnknown(ids.unknownAmong(messageIdsOf(own)));
        if (own.isEmpty()) {
            return CompletableFuture.completedFuture(response.build());
        }
        List<String> changed = own.stream().map(r -> r.messageId().toString()).toList();
        StreamEvent event = StreamEvent.newBuilder().setReceiptsDeleted(ReceiptsDeleted.newBuilder()
                .setReceiverId(receiverId).addAllMessageIds(changed)
                .setDeletedAt(Timestamps.of(clock.instant().truncatedTo(ChronoUnit.MILLIS)))).build();
        return publisher.publishUpdate(event).thenApply(ack -> response.addAllChanged(changed).build());
    }

    /**
     * The caller's receipts among the ids. When some are missing, they may belong to messages
     * accepted but not stored yet (a read right after delivery): wait for the watermark, ask again.
     */
    private List<OwnReceipt> ownReceipts(String receiverId, MessageIdList ids) {
        if (ids.ids().isEmpty()) {
            return List.of();
        }
        return consistency.lookupWaitingForMissing(
                () -> queries.run(new SelectOwnReceipts(receiverId, ids.ids())),
                own -> own.size() == ids.ids().size());
    }

    private static Set<UUID> messageIdsOf(List<OwnReceipt> receipts) {
        return receipts.stream().map(OwnReceipt::messageId).collect(Collectors.toSet());
    }

    private List<ReceivedMessage> toReceived(List<InboxRow> rows) {
        var receipts = queries.run(new SelectReceipts(rows.stream().map(r -> r.message().getId()).toList()));
        return rows.stream().map(row -> {
            // The sender's clientId is its own retry key: receivers do not see it.
            ReceivedMessage.Builder received = ReceivedMessage.newBuilder()
                    .setMessage(MessageRows.toMessage(row.message(),
                            receipts.getOrDefault(row.message().getId(), List.of())).toBuilder().clearClientId());
            if (row.readAt() != null) {
                received.setReadAt(Timestamps.of(row.readAt()));
            }
            return received.build();
        }).toList();
    }
}
