package dev.herald.worker.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a room update did: how many rows it changed or deleted, and the messages it purged because it deleted the
 * room (their events are deleted from the stream after the commit, like an admin purge's).
 */
record RoomChange(int rows, List<UUID> purgedMessageIds) {

    static final RoomChange NONE = new RoomChange(0, List.of());

    RoomChange {
        purgedMessageIds = List.copyOf(purgedMessageIds);
    }

    /** This change, then {@code next}. */
    RoomChange and(RoomChange next) {
        List<UUID> purged = new ArrayList<>(purgedMessageIds);
        purged.addAll(next.purgedMessageIds);
        return new RoomChange(rows + next.rows, purged);
    }
}
