package dev.herald.message.room;

import dev.herald.message.directory.UserDirectory;
import dev.herald.message.error.HeraldException;
import dev.herald.message.page.Page;
import dev.herald.message.page.PageRequest;
import dev.herald.message.send.MessageIds;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.QueryRunner;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.stream.StreamUpdate;
import dev.herald.proto.v1.RoomNotice.Change;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Rooms themselves: created, seen, renamed, deleted, listed. Every change goes through the stream and is answered
 * once JetStream acked it; the persistence-worker applies it in stream order, so when two instances accept
 * conflicting changes the later one in the stream decides, by the worker's rules.
 */
public final class Rooms {

    private static final int DEFAULT_LIMIT = 50;

    private final QueryRunner queries;
    private final RoomAccess access;
    private final Consistency consistency;
    private final EventPublisher publisher;
    private final UserDirectory directory;
    private final RoomNotices notices;
    private final RoomValidator validator;
    private final MessageIds ids;
    private final Clock clock;

    public Rooms(QueryRunner queries, RoomAccess access, Consistency consistency, EventPublisher publisher,
            UserDirectory directory, RoomNotices notices, int maxMembersPerCall, MessageIds ids, Clock clock) {
        this.queries = queries;
        this.access = access;
        this.consistency = consistency;
        this.publisher = publisher;
        this.directory = directory;
        this.notices = notices;
        this.validator = new RoomValidator(maxMembersPerCall);
        this.ids = ids;
        this.clock = clock;
    }

    /** Creates a room owned by its creator, with the initial members (unknown users: NOT_FOUND member_ids). */
    public CompletableFuture<RoomDetails> create(String creatorId, NewRoom request) {
        validator.name(request.name());
        validator.topic(request.topic());
        List<String> members = new ArrayList<>(validator.userIds(request.memberIds(), "member_ids", false));
        members.remove(creatorId); // the creator is a member anyway, as owner
        directory.requireKnown(members, "member_ids");
        Instant now = now();
        UUID roomId = ids.next(now);
        RoomDetails room = new RoomDetails(roomId, request.name(), request.topic(), request.isPublic(), creatorId,
                now, 1 + members.size(), List.of(creatorId));
        return publisher.publishUpdate(new StreamUpdate.RoomCreated(roomId, request.name(), request.topic(),
                        request.isPublic(), creatorId, now, members))
                .thenApply(ack -> {
                    List<String> everyone = new ArrayList<>(members);
                    everyone.add(creatorId);
                    notices.push(everyone, roomId, Change.CHANGE_ADDED, creatorId);
                    return room;
                });
    }

    /** A room the caller is a member of, or any public room. */
    public RoomDetails get(String userId, String roomId) {
        return access.requireVisible(userId, RoomAccess.roomId(roomId, "room_id"), "room_id");
    }

    /** Renames the room and/or changes its topic (owners only); tells the members. */
    public CompletableFuture<RoomDetails> update(String userId, String roomId, Optional<String> name,
            Optional<String> topic) {
        UUID id = RoomAccess.roomId(roomId, "room_id");
        name.ifPresent(validator::name);
        topic.ifPresent(validator::topic);
        if (name.isEmpty() && topic.isEmpty()) {
            throw new HeraldException.InvalidArgument("name", "set name or topic (or both)");
        }
        RoomDetails room = access.requireOwner(userId, id, "room_id").room();
        return publisher.publishUpdate(new StreamUpdate.RoomUpdated(id, name, topic, now()))
                .thenApply(ack -> {
                    notices.push(queries.run(new SelectCurrentMemberIds(id)), id, Change.CHANGE_UPDATED, userId);
                    return room.updated(name, topic);
                });
    }

    /** Deletes the room and its messages (owners only); tells the members. */
    public CompletableFuture<Void> delete(String userId, String roomId) {
        UUID id = RoomAccess.roomId(roomId, "room_id");
        access.requireOwner(userId, id, "room_id");
        List<String> members = queries.run(new SelectCurrentMemberIds(id));
        return publisher.publishUpdate(new StreamUpdate.RoomDeleted(id, now()))
                .thenAccept(ack -> notices.push(members, id, Change.CHANGE_DELETED, userId));
    }

    /** Public rooms whose name starts with the prefix, by name (byte order) then id. */
    public Page<RoomDetails> listPublic(String namePrefix, String after, int requestedLimit) {
        return listByName(true, namePrefix, after, requestedLimit);
    }

    /** Rooms by name as {@link #listPublic}; with {@code publicOnly} false, private ones too (for admins). */
    Page<RoomDetails> listByName(boolean publicOnly, String namePrefix, String after, int requestedLimit) {
        validator.namePrefix(namePrefix);
        Optional<NameCursor> cursor = NameCursor.parse(after, "after");
        int limit = PageRequest.limit(requestedLimit, DEFAULT_LIMIT);
        consistency.awaitEarlierWrites();
        var rows = queries.run(new SelectRoomsByName(publicOnly, namePrefix, cursor, limit + 1));
        return Page.of(rows, limit, row -> new NameCursor(row.getName(), row.getId()).encode())
                .map(row -> RoomDetails.of(row, queries.run(new SelectOwnerIds(row.getId()))));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
