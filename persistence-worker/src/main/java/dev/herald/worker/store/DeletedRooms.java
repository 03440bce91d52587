package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.ROOMS;
import static org.jooq.impl.DSL.any;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The deleted rooms among those a batch's messages are sent to, read before the messages are inserted: a message
 * to a deleted room is dropped (a redelivery, or one accepted just before the deletion), never stored again. The rooms
 * are locked ({@code for no key update}, in id order) until the commit: a deletion another worker commits meanwhile
 * either comes first (and is seen here) or waits, and then purges the messages this batch stored.
 */
final class DeletedRooms {

    private DeletedRooms() {}

    static Set<UUID> among(DSLContext tx, Set<UUID> roomIds) {
        if (roomIds.isEmpty()) {
            return Set.of();
        }
        Set<UUID> deleted = new HashSet<>();
        tx.select(ROOMS.ID, ROOMS.DELETED_AT).from(ROOMS)
                .where(ROOMS.ID.eq(any(roomIds.toArray(UUID[]::new))))
                .orderBy(ROOMS.ID)
                .forNoKeyUpdate()
                .fetch()
                .forEach(room -> {
                    if (room.value2() != null) {
                        deleted.add(room.value1());
                    }
                });
        return deleted;
    }
}
