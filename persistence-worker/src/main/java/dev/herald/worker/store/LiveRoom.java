package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.ROOMS;

import java.util.UUID;
import org.jooq.DSLContext;

/**
 * {@code select id from rooms where id = :id and deleted_at is null for update}: whether a membership change may
 * apply, the room locked until the commit. The lock keeps the room's member count and its owner rule exact when two
 * workers change the same room's members at once; a deleted room is never changed again.
 */
final class LiveRoom {

    private LiveRoom() {}

    static boolean lock(DSLContext tx, UUID roomId) {
        return tx.select(ROOMS.ID).from(ROOMS).where(ROOMS.ID.eq(roomId), ROOMS.DELETED_AT.isNull())
                .forUpdate().fetchOptional().isPresent();
    }
}
