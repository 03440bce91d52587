package dev.herald.message.send;

import java.util.List;
import java.util.UUID;

/** Whom a validated send goes to: named receivers, or a room's members. */
sealed interface Audience {

    /** @param ids deduplicated, in the order given */
    record Receivers(List<String> ids) implements Audience {
        public Receivers {
            ids = List.copyOf(ids);
        }
    }

    record Room(UUID id) implements Audience {}
}
