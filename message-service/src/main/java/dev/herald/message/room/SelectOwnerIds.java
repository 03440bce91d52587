package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** A room's current owners, in the order they became owners. */
final class SelectOwnerIds implements Function<DSLContext, List<String>> {

    private final UUID roomId;

    SelectOwnerIds(UUID roomId) {
        this.roomId = roomId;
    }

    @Override
    public List<String> apply(DSLContext dsl) {
        return dsl.select(ROOM_MEMBERS.USER_ID).from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.LEFT_SEQUENCE.isNull(), ROOM_MEMBERS.OWNER.isTrue())
                .orderBy(ROOM_MEMBERS.OWNER_SINCE.asc().nullsFirst(), ROOM_MEMBERS.USER_ID)
                .fetch(ROOM_MEMBERS.USER_ID);
    }

    @Override
    public String toString() {
        return "SelectOwnerIds{roomId=" + roomId + "}";
    }
}
