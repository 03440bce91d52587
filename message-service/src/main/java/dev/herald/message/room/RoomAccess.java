package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import dev.herald.message.error.HeraldException;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.QueryRunner;
import java.util.List;
import java.util.Optional;
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

    /**
     * The room, for a caller who may see it: a current member, or anyone when it is public.
     *
     * @throws HeraldException.NotFound (field {@code field}) when the room does not exist, was deleted, or is
     *         private and the user is not a member
     */
    public RoomDetails requireVisible(String userId, UUID roomId, String field) {
        consistency.awaitEarlierWrites();
        RoomDetails room = liveRoom(roomId, field);
        if (!room.isPublic() && !membership(userId, roomId).filter(Membership::current).isPresent()) {
            throw notFound(roomId, field);
        }
        return room;
    }

    /** The room and the user's current membership; outsiders are refused as by {@link #requireMember}. */
    public MemberOf requireCurrentMember(String userId, UUID roomId, String field) {
        consistency.awaitEarlierWrites();
        RoomDetails room = liveRoom(roomId, field);
        Membership member = membership(userId, roomId).filter(Membership::current)
                .orElseThrow(() -> outsider(room, field));
        return new MemberOf(room, member);
    }

    /** {@link #requireCurrentMember}, and an owner: PERMISSION_DENIED for any other member. */
    public MemberOf requireOwner(String userId, UUID roomId, String field) {
        MemberOf access = requireCurrentMember(userId, roomId, field);
        if (!access.member().owner()) {
            throw new HeraldException.PermissionDenied("only an owner of room " + roomId + " may do this");
        }
        return access;
    }

    /**
     * The room and the user's membership, current or past: a member who left still reads what it received while
     * in the room. Those never in it are refused as by {@link #requireMember}.
     */
    public MemberOf requireMemberOrFormer(String userId, UUID roomId, String field) {
        consistency.awaitEarlierWrites();
        RoomDetails room = liveRoom(roomId, field);
        Membership member = membership(userId, roomId).orElseThrow(() -> outsider(room, field));
        return new MemberOf(room, member);
    }

    /** A room id of a request; INVALID_ARGUMENT naming {@code field} unless it is one. */
    public static UUID roomId(String value, String field) {
        if (value.isEmpty()) {
            throw new HeraldException.InvalidArgument(field, field + " must not be empty");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new HeraldException.InvalidArgument(field, field + " must be a room id");
        }
    }

    private RoomDetails liveRoom(UUID roomId, String field) {
        return queries.run(new SelectLiveRoom(roomId)).orElseThrow(() -> notFound(roomId, field));
    }

    private Optional<Membership> membership(String userId, UUID roomId) {
        return Optional.ofNullable(queries.run(new SelectMemberships(roomId, List.of(userId))).get(userId));
    }

    private static HeraldException outsider(RoomDetails room, String field) {
        if (room.isPublic()) {
            return new HeraldException.PermissionDenied("not a member of room " + room.id() + ": join it first");
        }
        return notFound(room.id(), field);
    }

    private static HeraldException.NotFound notFound(UUID roomId, String field) {
        return new HeraldException.NotFound(field, "room not found: " + roomId);
    }

    /** A room's current members, by user id. */
    public record CurrentMembers(UUID roomId, boolean isPublic, List<String> memberIds) {}

    /** A room and a user's membership of it. */
    public record MemberOf(RoomDetails room, Membership member) {}
}
