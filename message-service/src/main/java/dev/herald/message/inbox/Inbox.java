package dev.herald.message.inbox;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.batch.MessageIdList;
import dev.herald.message.error.HeraldException;
import dev.herald.message.idempotency.FirstClaims;
import dev.herald.message.idempotency.FirstClaims.Change;
import dev.herald.message.page.Page;
import dev.herald.message.page.PageRequest;
import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.MessageRows;
import dev.herald.message.store.QueryRunner;
import dev.herald.message.store.SelectReceipts;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.stream.StreamUpdate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A receiver's messages: direct messages it received, room messages of its rooms and announcements. Reads first wait for the persistence watermark, so nothing accepted
 * before the request is missed; changes go through the stream like every write and name only
 * messages the caller received, so someone else's id is reported unknown, never touched. A change is reported and
 * pushed by the one request that claims it first ({@link FirstClaims}), however many come at once on any instance.
 */
public final class Inbox {

    private static final int DEFAULT_SYNC_LIMIT = 100;
    private static final int DEFAULT_LIST_LIMIT = 50;

    private final QueryRunner queries;
    private final Consistency consistency;
    private final EventPublisher publisher;
    private final DeliveryRouter router;
    private final FirstClaims claims;
    private final int maxIds;
    private final Clock clock;

    public Inbox(QueryRunner queries, Consistency consistency, EventPublisher publisher, DeliveryRouter router,
            FirstClaims claims, int maxIds, Clock clock) {
        this.queries = queries;
        this.consistency = consistency;
        this.publisher = publisher;
        this.router = router;
        this.claims = claims;
        this.maxIds = maxIds;
        this.clock = clock;
    }

    /**
     * The received messages after {@code after} (empty: from the first), in the order they became durable in the
     * stream: direct messages, room messages within the caller's membership windows and announcements, merged.
     * {@code after} is a cursor from an earlier page, or the id of a message the caller received (NOT_FOUND
     * naming {@code after} otherwise). Only messages at or below the persistence ack floor are returned, so a message
     * whose publish completed late, or whose batch committed late, still comes after the cursor, never before it.
     */
    public SyncPage sync(String receiverId, String after, int requestedLimit) {
        int limit = PageRequest.limit(requestedLimit, DEFAULT_SYNC_LIMIT);
        SyncAfter from = SyncAfter.parse(after);
        long storedFloor = consistency.awaitStoredFloor().storedFloor();
        Optional<SyncCursor> start = switch (from) {
            case SyncAfter.FromStart s -> Optional.empty();
            case SyncAfter.After a -> Optional.of(a.cursor());
            case SyncAfter.AfterMessage m -> Optional.of(positionOf(receiverId, m.messageId()));
        };
        List<SelectSyncPage.SyncRow> rows =
                queries.run(new SelectMergedSyncPage(receiverId, start, storedFloor, limit + 1));
        Page<SelectSyncPage.SyncRow> page = Page.of(rows, limit, row -> row.cursor().encode());
        return new SyncPage(page.mapItems(this::synced), start);
    }

    /** Where the receiver's receipt of a message stands in its sync; NOT_FOUND naming {@code after} if none. */
    private SyncCursor positionOf(String receiverId, UUID messageId) {
        return queries.run(new SelectReceiptPosition(receiverId, messageId))
                .or(() -> queries.run(new SelectSharedPosition(receiverId, messageId)))
                .orElseThrow(() -> new HeraldException.NotFound(SyncAfter.FIELD, SyncAfter.FIELD
                        + ": no received message " + messageId + " (sync from a nextAfter, or from the start)"));
    }

    /** The received messages matching {@code filter} before the cursor {@code before} (empty: newest), newest first. */
    public Page<InboxEntry> list(String receiverId, InboxFilter filter, String before, int requestedLimit) {
        PageRequest page = PageRequest.ofMessages(before, "before", requestedLimit, DEFAULT_LIST_LIMIT);
        consistency.awaitEarlierWrites();
        return page(page, new SelectInboxPage(receiverId, filter, page.cursor(), page.rowsToFetch()));
    }

    /** Direct messages, plus each room's count and the announcements' count, each capped at 999. */
    public long countUnread(String receiverId) {
        consistency.awaitEarlierWrites();
        return countStoredUnread(receiverId);
    }

    /**
     * Counts like {@link #countUnread} without waiting for earlier writes: for a caller that waited on the same
     * consistency already (a sign-in, which reads the directory after the same wait).
     */
    public long countStoredUnread(String receiverId) {
        return queries.run(new CountAllUnread(receiverId));
    }

    /** One received message; NOT_FOUND when the caller did not receive it (or deleted it). */
    public InboxEntry get(String receiverId, String id) {
        UUID messageId = PageRequest.cursor(id, "id")
                .orElseThrow(() -> new HeraldException.InvalidArgument("id", "id must not be empty"));
        // Read-your-writes: a message acked a moment ago, or a read mark or delete just made, is seen.
        InboxRow row = consistency.lookupAfterEarlierWrites(
                        () -> queries.run(new SelectReceivedMessage(receiverId, messageId))
                                .or(() -> queries.run(new SelectSharedMessage(receiverId, messageId))))
                .orElseThrow(() -> new HeraldException.NotFound("id", "message not found: " + messageId));
        return toEntries(List.of(row)).getFirst();
    }

    /**
     * Marks read what the caller received and has not read, announcements included; tells each sender's sockets of
     * its direct messages. Of requests reading one message at the same moment only the first to claim it lists it as
     * changed and sends the receipt. Room messages are read by position (RoomService.ReadRoom): unknown here.
     */
    public CompletableFuture<ReadResult> markRead(String receiverId, List<String> rawIds) {
        MessageIdList ids = MessageIdList.parse(rawIds, maxIds);
        List<OwnReceipt> own = ownReceipts(receiverId, ids);
        List<SharedMark> announcements = ownShared(receiverId, ids, own).stream()
                .filter(SharedMark::announcement).toList();
        List<OwnReceipt> unread = own.stream().filter(r -> !r.read()).toList();
        Set<UUID> toRead = new LinkedHashSet<>(messageIdsOf(unread));
        announcements.stream().filter(a -> !a.read()).forEach(a -> toRead.add(a.messageId()));
        FirstClaims.Won first = claims.claim(Change.READ, receiverId, toRead);
        List<OwnReceipt> firstRead = unread.stream().filter(r -> first.contains(r.messageId())).toList();
        Instant readAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Set<UUID> known = new HashSet<>(messageIdsOf(own));
        announcements.forEach(a -> known.add(a.messageId()));
        ReadResult result = new ReadResult(
                new BatchResult(ids.inRequestOrder(first.ids()), ids.unknownAmong(known)), readAt);
        if (first.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return releasedOnFailure(first,
                publisher.publishUpdate(new StreamUpdate.ReceiptsRead(receiverId, result.batch().changed(), readAt)))
                .thenApply(ack -> {
                    firstRead.forEach(r -> router.routeReadReceipt(r.senderId(), r.messageId(), receiverId, readAt));
                    return result;
                });
    }

    /**
     * Deletes from the caller's view what the caller received (room messages and announcements it sees too); nobody
     * else's view changes. Of requests deleting one
     * message at the same moment only the first to claim it lists it as changed; the others find it already deleted
     * (unknown, as a later delete would).
     */
    public CompletableFuture<BatchResult> delete(String receiverId, List<String> rawIds) {
        MessageIdList ids = MessageIdList.parse(rawIds, maxIds);
        List<OwnReceipt> receipts = ownReceipts(receiverId, ids);
        Set<UUID> own = new LinkedHashSet<>(messageIdsOf(receipts));
        ownShared(receiverId, ids, receipts).forEach(shared -> own.add(shared.messageId()));
        FirstClaims.Won first = claims.claim(Change.DELETE_RECEIVED, receiverId, ids.inRequestOrder(own));
        BatchResult result = new BatchResult(ids.inRequestOrder(first.ids()), ids.unknownAmong(first.ids()));
        if (first.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        Instant deletedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return releasedOnFailure(first,
                publisher.publishUpdate(new StreamUpdate.ReceiptsDeleted(receiverId, result.changed(), deletedAt)))
                .thenApply(ack -> result);
    }

    private List<SyncPage.Synced> synced(List<SelectSyncPage.SyncRow> rows) {
        List<InboxEntry> entries = toEntries(rows.stream().map(SelectSyncPage.SyncRow::row).toList());
        return IntStream.range(0, rows.size())
                .mapToObj(i -> new SyncPage.Synced(entries.get(i), rows.get(i).cursor())).toList();
    }

    /** A change whose publish failed was not made: give its claims back, so that a retry makes it. */
    private <T> CompletableFuture<T> releasedOnFailure(FirstClaims.Won claimed, CompletableFuture<T> publish) {
        return publish.whenComplete((ack, failure) -> {
            if (failure != null) {
                claims.release(claimed);
            }
        });
    }

    private Page<InboxEntry> page(PageRequest page, SelectInboxPage query) {
        return page.page(queries.run(query), row -> row.message().getId().toString()).mapItems(this::toEntries);
    }

    /**
     * The caller's receipts among the ids, once every earlier write is stored: a message delivered a moment ago, and
     * a read mark just acked, so that a second read of a message is not taken for a first.
     */
    private List<OwnReceipt> ownReceipts(String receiverId, MessageIdList ids) {
        if (ids.ids().isEmpty()) {
            return List.of();
        }
        return consistency.lookupAfterEarlierWrites(() -> queries.run(new SelectOwnReceipts(receiverId, ids.ids())));
    }

    /**
     * The room messages and announcements among the ids (those not received directly) that the caller sees, read
     * after every earlier write like {@link #ownReceipts}.
     */
    private List<SharedMark> ownShared(String userId, MessageIdList ids, List<OwnReceipt> received) {
        Set<UUID> rest = new LinkedHashSet<>(ids.ids());
        rest.removeAll(messageIdsOf(received));
        if (rest.isEmpty()) {
            return List.of();
        }
        // ownReceipts waited for the watermark already when it looked anything up.
        return queries.run(new SelectOwnShared(userId, rest));
    }

    private static Set<UUID> messageIdsOf(List<OwnReceipt> receipts) {
        return receipts.stream().map(OwnReceipt::messageId).collect(Collectors.toSet());
    }

    private List<InboxEntry> toEntries(List<InboxRow> rows) {
        var receipts = queries.run(new SelectReceipts(rows.stream().map(r -> r.message().getId()).toList()));
        // The sender's clientId is its own retry key: receivers do not see it.
        return rows.stream().map(row -> new InboxEntry(
                MessageRows.toMessage(row.message(), receipts.getOrDefault(row.message().getId(), List.of()))
                        .withoutClientId(),
                MessageRows.instant(row.readAt()))).toList();
    }
}
