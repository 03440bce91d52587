package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** How many messages a room holds (recalled ones too, until purged). */
final class CountRoomMessages implements Function<DSLContext, Long> {

    private final UUID roomId;

    CountRoomMessages(UUID roomId) {
        this.roomId = roomId;
    }

    @Override
    public Long apply(DSLContext dsl) {
        return dsl.fetchCount(MESSAGES, MESSAGES.ROOM_ID.eq(roomId)) + 0L;
    }

    @Override
    public String toString() {
        return "CountRoomMessages{roomId=" + roomId + "}";
    }
}
