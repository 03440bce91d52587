package dev.herald.message.outbox;

import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * The current members of the given rooms (index {@code room_members_current_idx}), by room. Not RoomAccess: a sender
 * who left a room may still recall what it sent there.
 */
final class SelectCurrentMembers implements Function<DSLContext, Map<UUID, List<String>>> {

    private final Collection<UUID> roomIds;

    SelectCurrentMembers(Collection<UUID> roomIds) {
        this.roomIds = roomIds;
    }

    @Override
    public Map<UUID, List<String>> apply(DSLContext dsl) {
        if (roomIds.isEmpty()) {
            return Map.of();
        }
        return dsl.select(ROOM_MEMBERS.ROOM_ID, ROOM_MEMBERS.USER_ID).from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.ROOM_ID.in(roomIds), ROOM_MEMBERS.LEFT_SEQUENCE.isNull())
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(r -> r.value1(),
                        Collectors.mapping(r -> r.value2(), Collectors.toList())));
    }

    @Override
    public String toString() {
        return "SelectCurrentMembers{" + roomIds.size() + " rooms}";
    }
}
