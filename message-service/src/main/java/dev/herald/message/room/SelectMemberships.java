package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** The memberships (current or past) of some users in a room, by user id; users never in it are absent. */
final class SelectMemberships implements Function<DSLContext, Map<String, Membership>> {

    private final UUID roomId;
    private final Collection<String> userIds;

    SelectMemberships(UUID roomId, Collection<String> userIds) {
        this.roomId = roomId;
        this.userIds = userIds;
    }

    @Override
    public Map<String, Membership> apply(DSLContext dsl) {
        return dsl.selectFrom(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.USER_ID.in(userIds))
                .fetch().stream().map(Membership::of)
                .collect(Collectors.toMap(Membership::userId, m -> m));
    }

    @Override
    public String toString() {
        return "SelectMemberships{roomId=" + roomId + ", users=" + userIds.size() + "}";
    }
}
