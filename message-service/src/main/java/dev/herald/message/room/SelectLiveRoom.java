package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.ROOMS;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** A room that is not deleted, with its current owners in the order they became owners. */
final class SelectLiveRoom implements Function<DSLContext, Optional<RoomDetails>> {

    private final UUID roomId;

    SelectLiveRoom(UUID roomId) {
        this.roomId = roomId;
    }

    @Override
    public Optional<RoomDetails> apply(DSLContext dsl) {
        return dsl.selectFrom(ROOMS).where(ROOMS.ID.eq(roomId), ROOMS.DELETED_AT.isNull()).fetchOptional()
                .map(row -> RoomDetails.of(row, new SelectOwnerIds(roomId).apply(dsl)));
    }

    @Override
    public String toString() {
        return "SelectLiveRoom{roomId=" + roomId + "}";
    }
}
