package dev.herald.message.admin;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.batch.MessageIdList;
import dev.herald.message.directory.UserDirectory;
import dev.herald.message.error.HeraldException;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.model.MessageWithReceipts;
import dev.herald.message.page.Page;
import dev.herald.message.page.PageRequest;
import dev.herald.message.store.Consistency;
import dev.herald.message.text.StorableText;
import dev.herald.message.store.MessageRows;
import dev.herald.message.store.QueryRunner;
import dev.herald.message.store.SentMessages;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.stream.StreamUpdate;
import dev.herald.schema.generated.tables.records.MessagesRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Everything an admin may do. The admin role is checked before any of it (AdminOnlyInterceptor). */
public final class Admin {

    private static final int DEFAULT_LIMIT = 50;
    private static final int DEFAULT_USER_LIMIT = 100;

    private final QueryRunner queries;
    private final SentMessages sentMessages;
    private final Consistency consistency;
    private final EventPublisher publisher;
    private final UserDirectory directory;
    private final int maxIds;
    private final Clock clock;
    private final TextScan textScan;

    public Admin(QueryRunner queries, Consistency consistency, EventPublisher publisher, UserDirectory directory,
            int maxIds, Clock clock) {
        this(queries, consistency, publisher, directory, maxIds, clock, TextScan.DEFAULT);
    }

    /** With {@code textScan} bounding how many messages a text filter checks per query. */
    Admin(QueryRunner queries, Consistency consistency, EventPublisher publisher, UserDirectory directory,
            int maxIds, Clock clock, TextScan textScan) {
        this.textScan = textScan;
        this.queries = queries;
        this.sentMessages = new SentMessages(queries);
        this.consistency = consistency;
        this.publisher = publisher;
        this.directory = directory;
        this.maxIds = maxIds;
        this.clock = clock;
    }

    /**
     * All messages matching {@code criteria} before the cursor {@code before} (empty: newest), newest first. With a
     * text, a page may end early, even empty, with more to come (see {@link TextScan}).
     */
    public Page<MessageWithReceipts> query(MessageCriteria criteria, String before, int requestedLimit) {
        PageRequest page = PageRequest.ofMessages(before, "before", requestedLimit, DEFAULT_LIMIT);
        consistency.awaitEarlierWrites();
        return queries.run(new SelectMessagePage(criteria, page.cursor(), page.rowsToFetch(), textScan)).page(page)
                .mapItems(sentMessages::withReceipts);
    }

    /** How many messages match; refused for a text filter over more messages than {@link TextScan} checks. */
    public long count(MessageCriteria criteria) {
        consistency.awaitEarlierWrites();
        return queries.run(new CountMessages(criteria, textScan));
    }

    public MessageDetails get(String id) {
        UUID messageId = PageRequest.cursor(id, "id")
                .orElseThrow(() -> new HeraldException.InvalidArgument("id", "id must not be empty"));
        consistency.awaitEarlierWrites();
        MessagesRecord row = queries.run(new SelectMessage(messageId))
                .orElseThrow(() -> new HeraldException.NotFound("id", "message not found: " + messageId));
        return new MessageDetails(sentMessages.withReceipts(List.of(row)).getFirst(),
                MessageRows.instant(row.getRecalledAt()), MessageRows.instant(row.getSenderDeletedAt()));
    }

    /** Deletes messages and their receipts for good. */
    public CompletableFuture<BatchResult> delete(List<String> rawIds) {
        MessageIdList ids = MessageIdList.parse(rawIds, maxIds);
        consistency.awaitEarlierWrites();
        Set<UUID> existing = ids.ids().isEmpty() ? Set.of() : queries.run(new SelectExistingMessageIds(ids.ids()));
        BatchResult result = new BatchResult(ids.inRequestOrder(existing), ids.unknownAmong(existing));
        if (existing.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return publisher.publishUpdate(new StreamUpdate.MessagesPurged(result.changed())).thenApply(ack -> result);
    }

    /**
     * Creates or renames users so they are known receivers before they first connect.
     *
     * @return how many users were written
     */
    public CompletableFuture<Integer> provision(List<DirectoryUser> users) {
        if (users.isEmpty()) {
            throw new HeraldException.InvalidArgument("users", "users must not be empty");
        }
        if (users.size() > maxIds) {
            throw new HeraldException.InvalidArgument("users",
                    "too many users: " + users.size() + " (at most " + maxIds + ")");
        }
        for (DirectoryUser user : users) {
            if (user.id().isBlank()) {
                throw new HeraldException.InvalidArgument("users", "user id must not be empty");
            }
            StorableText.require("users", user.id(), StorableText.MAX_ID_CHARS, "a user id is");
            if (user.name().isBlank()) {
                throw new HeraldException.InvalidArgument("users", "name of " + user.id() + " must not be empty");
            }
            StorableText.require("users", user.name(), StorableText.MAX_NAME_CHARS, "the name of " + user.id() + " is");
        }
        return publisher.publishUpdate(new StreamUpdate.UsersProvisioned(users, clock.instant())).thenApply(ack -> {
            users.forEach(user -> directory.remember(user.id()));
            return users.size();
        });
    }

    /** Directory users after the user id {@code after} (empty: from the first), in id order. */
    public Page<DirectoryUser> listUsers(String after, int requestedLimit) {
        int limit = PageRequest.limit(requestedLimit, DEFAULT_USER_LIMIT);
        consistency.awaitEarlierWrites();
        return Page.of(queries.run(new SelectUsers(after, limit + 1)), limit, DirectoryUser::id);
    }

    /**
     * Erases a user: publishes the erasure, which the persistence-worker applies (their sent messages and the events
     * holding them, receipts, marks, memberships and directory entry go; a tombstone stays). The user must be in the
     * directory, once every earlier write is stored.
     *
     * @return when the user was erased
     */
    public CompletableFuture<Instant> erase(String userId) {
        if (userId.isBlank()) {
            throw new HeraldException.InvalidArgument("user_id", "user_id must not be empty");
        }
        StorableText.require("user_id", userId, StorableText.MAX_ID_CHARS, "a user id is");
        consistency.awaitEarlierWrites();
        if (queries.run(new SelectUser(userId)).isEmpty()) {
            throw new HeraldException.NotFound("user_id", "user not found: " + userId);
        }
        Instant erasedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return publisher.publishUpdate(new StreamUpdate.UserErased(userId, erasedAt)).thenApply(ack -> {
            directory.forget(userId);
            return erasedAt;
        });
    }

    public DirectoryUser getUser(String id) {
        consistency.awaitEarlierWrites();
        return queries.run(new SelectUser(id))
                .orElseThrow(() -> new HeraldException.NotFound("id", "user not found: " + id));
    }
}
