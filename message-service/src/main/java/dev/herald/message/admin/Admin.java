package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.USERS;

import dev.herald.message.directory.UserDirectory;
import dev.herald.message.error.HeraldException;
import dev.herald.message.query.Consistency;
import dev.herald.message.query.MessageIdList;
import dev.herald.message.query.PageRequest;
import dev.herald.message.query.QueryRunner;
import dev.herald.message.query.SentMessages;
import dev.herald.message.query.Timestamps;
import dev.herald.message.stream.EventPublisher;
import dev.herald.proto.v1.DeleteMessagesResponse;
import dev.herald.proto.v1.GetMessageResponse;
import dev.herald.proto.v1.ListUsersResponse;
import dev.herald.proto.v1.MessageFilter;
import dev.herald.proto.v1.MessagesPurged;
import dev.herald.proto.v1.ProvisionUsersResponse;
import dev.herald.proto.v1.QueryMessagesResponse;
import dev.herald.proto.v1.SentMessage;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.User;
import dev.herald.proto.v1.UsersProvisioned;
import dev.herald.schema.generated.tables.records.MessagesRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Everything an admin may do. The admin role is checked before any of it (AdminOnlyInterceptor). */
public final class Admin {

    private static final int DEFAULT_LIMIT = 50;
    private static final int DEFAULT_USER_LIMIT = 100;
    private static final int MAX_ID_CHARS = 255;

    private final QueryRunner queries;
    private final SentMessages sentMessages;
    private final Consistency consistency;
    private final EventPublisher publisher;
    private final UserDirectory directory;
    private final int maxIds;
    private final Clock clock;

    public Admin(QueryRunner queries, Consistency consistency, EventPublisher publisher, UserDirectory directory,
            int maxIds, Clock clock) {
        this.queries = queries;
        this.sentMessages = new SentMessages(queries);
        this.consistency = consistency;
        this.publisher = publisher;
        this.directory = directory;
        this.maxIds = maxIds;
        this.clock = clock;
    }

    public QueryMessagesResponse query(MessageFilter filter, String before, int requestedLimit) {
        int limit = PageRequest.limit(requestedLimit, DEFAULT_LIMIT);
        Optional<UUID> cursor = PageRequest.cursor(before, "before");
        consistency.awaitEarlierWrites();
        List<MessagesRecord> rows = queries.run(new SelectMessagePage(filter, cursor, limit + 1));
        boolean hasMore = rows.size() > limit;
        List<SentMessage> page = sentMessages.withReceipts(hasMore ? rows.subList(0, limit) : rows);
        return QueryMessagesResponse.newBuilder()
                .addAllMessages(page)
                .setNextBefore(hasMore ? page.getLast().getMessage().getId() : "")
                .build();
    }

    public long count(MessageFilter filter) {
        consistency.awaitEarlierWrites();
        return queries.run(new CountMessages(filter));
    }

    public GetMessageResponse get(String id) {
        UUID messageId = PageRequest.cursor(id, "id")
                .orElseThrow(() -> new HeraldException.InvalidArgument("id", "id must not be empty"));
        consistency.awaitEarlierWrites();
        MessagesRecord row = queries.run(dsl -> dsl.selectFrom(MESSAGES).where(MESSAGES.ID.eq(messageId)).fetchOne());
        if (row == null) {
            throw new HeraldException.NotFound("id", "message not found: " + messageId);
        }
        GetMessageResponse.Builder response = GetMessageResponse.newBuilder()
                .setMessage(sentMessages.withReceipts(List.of(row)).getFirst());
        if (row.getRecalledAt() != null) {
            response.setRecalledAt(Timestamps.of(row.getRecalledAt()));
        }
        if (row.getSenderDeletedAt() != null) {
            response.setSenderDeletedAt(Timestamps.of(row.getSenderDeletedAt()));
        }
        return response.build();
    }

    /** Deletes messages and their receipts for good. */
    public CompletableFuture<DeleteMessagesResponse> delete(List<String> rawIds) {
        MessageIdList ids = MessageIdList.parse(rawIds, maxIds);
        consistency.awaitEarlierWrites();
        Set<UUID> existing = ids.ids().isEmpty() ? Set.of()
                : queries.run(dsl -> dsl.select(MESSAGES.ID).from(MESSAGES).where(MESSAGES.ID.in(ids.ids()))
                        .fetchSet(MESSAGES.ID));
        DeleteMessagesResponse.Builder response = DeleteMessagesResponse.newBuilder()
                .addAllUnknown(ids.unknownAmong(existing));
        if (existing.isEmpty()) {
            return CompletableFuture.completedFuture(response.build());
        }
        List<String> changed = ids.ids().stream().filter(existing::contains).map(UUID::toString).toList();
        StreamEvent event = StreamEvent.newBuilder()
                .setMessagesPurged(MessagesPurged.newBuilder().addAllMessageIds(changed)).build();
        return publisher.publishUpdate(event).thenApply(ack -> response.addAllChanged(changed).build());
    }

    /** Creates or renames users so they are known receivers before they first connect. */
    public CompletableFuture<ProvisionUsersResponse> provision(List<User> users) {
        if (users.isEmpty()) {
            throw new HeraldException.InvalidArgument("users", "users must not be empty");
        }
        if (users.size() > maxIds) {
            throw new HeraldException.InvalidArgument("users",
                    "too many users: " + users.size() + " (at most " + maxIds + ")");
        }
        for (User user : users) {
            if (user.getId().isBlank() || user.getId().length() > MAX_ID_CHARS) {
                throw new HeraldException.InvalidArgument("users", "user id must be 1.." + MAX_ID_CHARS + " characters");
            }
            if (user.getName().isBlank() || user.getName().length() > MAX_ID_CHARS) {
                throw new HeraldException.InvalidArgument("users",
                        "name of " + user.getId() + " must be 1.." + MAX_ID_CHARS + " characters");
            }
        }
        StreamEvent event = StreamEvent.newBuilder().setUsersProvisioned(UsersProvisioned.newBuilder()
                .addAllUsers(users).setProvisionedAt(Timestamps.of(clock.instant()))).build();
        return publisher.publishUpdate(event).thenApply(ack -> {
            users.forEach(user -> directory.remember(user.getId()));
            return ProvisionUsersResponse.newBuilder().setUpserted(users.size()).build();
        });
    }

    public ListUsersResponse listUsers(String after, int requestedLimit) {
        int limit = PageRequest.limit(requestedLimit, DEFAULT_USER_LIMIT);
        consistency.awaitEarlierWrites();
        List<User> users = queries.run(new SelectUsers(after, limit + 1));
        boolean hasMore = users.size() > limit;
        List<User> page = hasMore ? users.subList(0, limit) : users;
        return ListUsersResponse.newBuilder().addAllUsers(page)
                .setNextAfter(hasMore ? page.getLast().getId() : "").build();
    }

    public User getUser(String id) {
        consistency.awaitEarlierWrites();
        return queries.run(dsl -> dsl.select(USERS.ID, USERS.NAME).from(USERS).where(USERS.ID.eq(id))
                        .fetchOptional(r -> User.newBuilder().setId(r.value1()).setName(r.value2()).build()))
                .orElseThrow(() -> new HeraldException.NotFound("id", "user not found: " + id));
    }
}
