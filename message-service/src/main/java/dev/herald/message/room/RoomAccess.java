package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import dev.herald.message.error.HeraldException;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.QueryRunner;
import java.util.List;
import java.util.UUID;

/**
 * Who may send to and read a room, and who its current members are, as of every write acked so far (a member
 * added or removed a moment ago on any instance counts). Every room operation of a member goes through here, so
 * that the rules for outsiders are the same everywhere: a private room does not exist for them (NOT_FOUND), a
 * public one refuses them (PERMISSION_DENIED).
 */
public final class RoomAccess {

    private final QueryRunner queries;
    private final Consistency consistency;

    public RoomAccess(QueryRunner queries, Consistency consistency) {
        this.queries = queries;
        this.consistency = consistency;
    }

    /**
     * The room's current members, {@code userId} among them.
     *
     * @throws HeraldException.NotFound (field {@code field}) when the room does not exist, was deleted, or is
     *         private and the user is not a member
     * @throws HeraldException.PermissionDenied when the room is public and the user is not a member
     */
    public CurrentMembers requireMember(String userId, UUID roomId, String field) {
        consistency.awaitEarlierWrites();
        Boolean isPublic = queries.run(dsl -> dsl.select(ROOMS.PUBLIC).from(ROOMS)
                .where(ROOMS.ID.eq(roomId), ROOMS.DELETED_AT.isNull())
                .fetchOptional(ROOMS.PUBLIC).orElse(null));
        if (isPublic == null) {
            throw notFound(roomId, field);
        }
        List<String> members = queries.run(dsl -> dsl.select(ROOM_MEMBERS.USER_ID).from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.LEFT_SEQUENCE.isNull())
                .orderBy(ROOM_MEMBERS.USER_ID)
                .fetch(ROOM_MEMBERS.USER_ID));
        if (!members.contains(userId)) {
            if (isPublic) {
                throw new HeraldException.PermissionDenied("not a member of room " + roomId + ": join it first");
            }
            throw notFound(roomId, field);
        }
        return new CurrentMembers(roomId, isPublic, members);
    }

    private static HeraldException.NotFound notFound(UUID roomId, String field) {
        return new HeraldException.NotFound(field, "room not found: " + roomId);
    }

    /** A room's current members, by user id. */
    public record CurrentMembers(UUID roomId, boolean isPublic, List<String> memberIds) {}
}
