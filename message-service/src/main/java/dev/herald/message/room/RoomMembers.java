package dev.herald.message.room;

import dev.herald.message.directory.UserDirectory;
import dev.herald.message.page.Page;
import dev.herald.message.page.PageRequest;
import dev.herald.message.presence.PresenceTable;
import dev.herald.message.store.QueryRunner;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.stream.StreamUpdate;
import dev.herald.proto.v1.RoomNotice.Change;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Who is in a room: joining, leaving, owners adding and removing members, the member list. Changes are decided on
 * the memberships as of every earlier acked write, published, and answered once acked; the worker applies them in
 * stream order (a last owner leaving hands ownership on, a room left empty is deleted).
 */
public final class RoomMembers {

    private static final int DEFAULT_LIMIT = 100;

    private final QueryRunner queries;
    private final RoomAccess access;
    private final EventPublisher publisher;
    private final UserDirectory directory;
    private final PresenceTable presence;
    private final RoomNotices notices;
    private final RoomValidator validator;
    private final Clock clock;

    public RoomMembers(QueryRunner queries, RoomAccess access, EventPublisher publisher, UserDirectory directory,
            PresenceTable presence, RoomNotices notices, int maxMembersPerCall, Clock clock) {
        this.queries = queries;
        this.access = access;
        this.publisher = publisher;
        this.directory = directory;
        this.presence = presence;
        this.notices = notices;
        this.validator = new RoomValidator(maxMembersPerCall);
        this.clock = clock;
    }

    /** Joins a public room (a private one is NOT_FOUND to outsiders); a member joining again changes nothing. */
    public CompletableFuture<RoomDetails> join(String userId, String roomId) {
        UUID id = RoomAccess.roomId(roomId, "room_id");
        RoomDetails room = access.requireVisible(userId, id, "room_id");
        if (isCurrentMember(id, userId)) {
            return CompletableFuture.completedFuture(room);
        }
        return publisher.publishUpdate(new StreamUpdate.RoomMembersAdded(id, List.of(userId), false, now()))
                .thenApply(ack -> {
                    notices.push(List.of(userId), id, Change.CHANGE_ADDED, userId);
                    return room.withMoreMembers(1);
                });
    }

    /** Leaves a room: live delivery stops, what was received stays readable. */
    public CompletableFuture<Void> leave(String userId, String roomId) {
        UUID id = RoomAccess.roomId(roomId, "room_id");
        access.requireCurrentMember(userId, id, "room_id");
        return publisher.publishUpdate(new StreamUpdate.RoomMembersRemoved(id, List.of(userId), now()))
                .thenAccept(ack -> notices.push(List.of(userId), id, Change.CHANGE_REMOVED, userId));
    }

    /** Adds members, or with {@code owners} makes them owners (adding those not members yet); owners only. */
    public CompletableFuture<MemberChanges> add(String ownerId, String roomId, List<String> rawUserIds,
            boolean owners) {
        UUID id = RoomAccess.roomId(roomId, "room_id");
        List<String> userIds = validator.userIds(rawUserIds, "user_ids", true);
        access.requireOwner(ownerId, id, "room_id");
        Map<String, Membership> known = queries.run(new SelectMemberships(id, userIds));
        Predicate<Membership> alreadyThere = owners ? m -> m.current() && m.owner() : Membership::current;
        MemberChanges changes = split(userIds, user -> Optional.ofNullable(known.get(user))
                .filter(alreadyThere).isEmpty());
        if (changes.changed().isEmpty()) {
            return CompletableFuture.completedFuture(changes);
        }
        directory.requireKnown(changes.changed(), "user_ids");
        return publisher.publishUpdate(new StreamUpdate.RoomMembersAdded(id, changes.changed(), owners, now()))
                .thenApply(ack -> {
                    notices.push(changes.changed(), id, Change.CHANGE_ADDED, ownerId);
                    return changes;
                });
    }

    /** Removes current members (owners only): their live delivery stops, what they received stays theirs. */
    public CompletableFuture<MemberChanges> remove(String ownerId, String roomId, List<String> rawUserIds) {
        UUID id = RoomAccess.roomId(roomId, "room_id");
        List<String> userIds = validator.userIds(rawUserIds, "user_ids", true);
        access.requireOwner(ownerId, id, "room_id");
        Map<String, Membership> known = queries.run(new SelectMemberships(id, userIds));
        MemberChanges changes = split(userIds, user -> Optional.ofNullable(known.get(user))
                .filter(Membership::current).isPresent());
        if (changes.changed().isEmpty()) {
            return CompletableFuture.completedFuture(changes);
        }
        return publisher.publishUpdate(new StreamUpdate.RoomMembersRemoved(id, changes.changed(), now()))
                .thenApply(ack -> {
                    notices.push(changes.changed(), id, Change.CHANGE_REMOVED, ownerId);
                    return changes;
                });
    }

    /** The room's current members by user id, each with its online state (members only). */
    public Page<MemberEntry> list(String userId, String roomId, String after, int requestedLimit) {
        UUID id = RoomAccess.roomId(roomId, "room_id");
        int limit = PageRequest.limit(requestedLimit, DEFAULT_LIMIT);
        access.requireCurrentMember(userId, id, "room_id");
        Optional<String> cursor = Optional.of(after).filter(a -> !a.isEmpty());
        var rows = queries.run(new SelectMembersPage(id, cursor, limit + 1));
        return Page.of(rows, limit, row -> row.member().userId()).map(this::entry);
    }

    MemberEntry entry(SelectMembersPage.MemberRow row) {
        Membership member = row.member();
        return new MemberEntry(member.userId(), row.name(), member.owner(), member.joinedAt(),
                presence.isOnline(member.userId()));
    }

    private boolean isCurrentMember(UUID roomId, String userId) {
        Membership member = queries.run(new SelectMemberships(roomId, List.of(userId))).get(userId);
        return member != null && member.current();
    }

    private static MemberChanges split(List<String> userIds, Predicate<String> changes) {
        return new MemberChanges(userIds.stream().filter(changes).toList(),
                userIds.stream().filter(changes.negate()).toList());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
