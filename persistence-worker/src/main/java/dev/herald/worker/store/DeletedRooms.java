package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.ROOMS;
import static org.jooq.impl.DSL.any;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The deleted rooms among those a batch's messages are sent to, read before the messages are inserted: a message
 * to a deleted room is dropped (a redelivery, or one accepted just before the deletion), never stored again.
 */
final class DeletedRooms {

    private DeletedRooms() {}

    static Set<UUID> among(DSLContext tx, Set<UUID> roomIds) {
        if (roomIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(tx.select(ROOMS.ID).from(ROOMS)
                .where(ROOMS.ID.eq(any(roomIds.toArray(UUID[]::new))), ROOMS.DELETED_AT.isNotNull())
                .fetch(ROOMS.ID));
    }
}
