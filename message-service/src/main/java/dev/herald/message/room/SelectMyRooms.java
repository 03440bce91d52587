package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import dev.herald.schema.generated.tables.records.RoomMembersRecord;
import dev.herald.schema.generated.tables.records.RoomsRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** A user's current rooms, latest activity first (then by id), after a cursor (room_members_user_idx). */
final class SelectMyRooms implements Function<DSLContext, List<SelectMyRooms.MyRoomRow>> {

    /** The newest message of the room, or the user's joining when later. */
    private static final Field<Long> ACTIVITY = DSL.greatest(ROOMS.LAST_MESSAGE_SEQUENCE, ROOM_MEMBERS.JOINED_SEQUENCE);

    private final String userId;
    private final Optional<ActivityCursor> before;
    private final int rows;

    SelectMyRooms(String userId, Optional<ActivityCursor> before, int rows) {
        this.userId = userId;
        this.before = before;
        this.rows = rows;
    }

    /** A room of the user's, the user's membership of it, and where it stands in the list. */
    record MyRoomRow(RoomsRecord room, Membership member, ActivityCursor cursor) {}

    @Override
    public List<MyRoomRow> apply(DSLContext dsl) {
        Condition page = before.map(c -> DSL.row(ACTIVITY, ROOMS.ID).lt(c.activity(), c.roomId()))
                .orElse(DSL.noCondition());
        return dsl.select(ROOMS, ROOM_MEMBERS, ACTIVITY)
                .from(ROOM_MEMBERS).join(ROOMS).on(ROOMS.ID.eq(ROOM_MEMBERS.ROOM_ID))
                .where(ROOM_MEMBERS.USER_ID.eq(userId), ROOM_MEMBERS.LEFT_SEQUENCE.isNull(),
                        ROOMS.DELETED_AT.isNull(), page)
                .orderBy(ACTIVITY.desc(), ROOMS.ID.desc())
                .limit(rows)
                .fetch(record -> {
                    RoomsRecord room = record.value1();
                    RoomMembersRecord member = record.value2();
                    return new MyRoomRow(room, Membership.of(member), new ActivityCursor(record.value3(), room.getId()));
                });
    }

    @Override
    public String toString() {
        return "SelectMyRooms{userId=" + userId + ", before=" + before + ", rows=" + rows + "}";
    }
}
