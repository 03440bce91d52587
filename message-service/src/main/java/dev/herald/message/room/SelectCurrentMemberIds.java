package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** A room's current members, by user id (room_members_current_idx). */
final class SelectCurrentMemberIds implements Function<DSLContext, List<String>> {

    private final UUID roomId;

    SelectCurrentMemberIds(UUID roomId) {
        this.roomId = roomId;
    }

    @Override
    public List<String> apply(DSLContext dsl) {
        return dsl.select(ROOM_MEMBERS.USER_ID).from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.LEFT_SEQUENCE.isNull())
                .orderBy(ROOM_MEMBERS.USER_ID)
                .fetch(ROOM_MEMBERS.USER_ID);
    }

    @Override
    public String toString() {
        return "SelectCurrentMemberIds{roomId=" + roomId + "}";
    }
}
