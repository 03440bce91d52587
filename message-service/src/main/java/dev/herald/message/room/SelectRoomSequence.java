package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** The stream sequence of a message of a room (whoever sees it): where a page before it continues. */
final class SelectRoomSequence implements Function<DSLContext, Optional<Long>> {

    private final UUID roomId;
    private final UUID messageId;

    SelectRoomSequence(UUID roomId, UUID messageId) {
        this.roomId = roomId;
        this.messageId = messageId;
    }

    @Override
    public Optional<Long> apply(DSLContext dsl) {
        return dsl.select(MESSAGES.STREAM_SEQUENCE).from(MESSAGES)
                .where(MESSAGES.ID.eq(messageId), MESSAGES.ROOM_ID.eq(roomId))
                .fetchOptional(MESSAGES.STREAM_SEQUENCE);
    }

    @Override
    public String toString() {
        return "SelectRoomSequence{roomId=" + roomId + ", messageId=" + messageId + "}";
    }
}
