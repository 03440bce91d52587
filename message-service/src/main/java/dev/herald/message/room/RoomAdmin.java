package dev.herald.message.room;

import dev.herald.message.error.HeraldException;
import dev.herald.message.page.Page;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.QueryRunner;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.stream.StreamUpdate;
import dev.herald.proto.v1.RoomNotice.Change;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Every room, for admins (the role is checked at the transport): listed private ones too, inspected with all
 * members, purged with their messages. Membership rules do not apply here.
 */
public final class RoomAdmin {

    private final QueryRunner queries;
    private final Consistency consistency;
    private final Rooms rooms;
    private final RoomMembers members;
    private final EventPublisher publisher;
    private final RoomNotices notices;
    private final Clock clock;

    public RoomAdmin(QueryRunner queries, Consistency consistency, Rooms rooms, RoomMembers members,
            EventPublisher publisher, RoomNotices notices, Clock clock) {
        this.queries = queries;
        this.consistency = consistency;
        this.rooms = rooms;
        this.members = members;
        this.publisher = publisher;
        this.notices = notices;
        this.clock = clock;
    }

    /** Every room not deleted, public or private, by name (byte order) then id. */
    public Page<RoomDetails> listAll(String namePrefix, String after, int limit) {
        return rooms.listByName(false, namePrefix, after, limit);
    }

    /** Any room with all its current members and how many messages it holds. */
    public RoomInspection inspect(String roomId) {
        RoomDetails room = liveRoom(roomId);
        List<MemberEntry> all = queries.run(new SelectMembersPage(room.id(), Optional.empty(), Integer.MAX_VALUE))
                .stream().map(members::entry).toList();
        return new RoomInspection(room, all, queries.run(new CountRoomMessages(room.id())));
    }

    /** Deletes any room and its messages; tells its members. Answers how many messages it held. */
    public CompletableFuture<Long> purge(String roomId) {
        RoomDetails room = liveRoom(roomId);
        long messages = queries.run(new CountRoomMessages(room.id()));
        List<String> current = queries.run(new SelectCurrentMemberIds(room.id()));
        return publisher.publishUpdate(new StreamUpdate.RoomDeleted(room.id(),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .thenApply(ack -> {
                    notices.push(current, room.id(), Change.CHANGE_DELETED, "");
                    return messages;
                });
    }

    private RoomDetails liveRoom(String roomId) {
        UUID id = RoomAccess.roomId(roomId, "room_id");
        consistency.awaitEarlierWrites();
        return queries.run(new SelectLiveRoom(id))
                .orElseThrow(() -> new HeraldException.NotFound("room_id", "room not found: " + id));
    }
}
