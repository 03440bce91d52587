package dev.herald.message.presence;

import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import dev.herald.schema.generated.tables.RoomMembers;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * For each given user, the current members of its current rooms of at most {@code maxRoomMembers} members (larger
 * rooms push no presence): pairs of (user, fellow member), at most {@code limit} of them.
 */
final class SelectRoomAudiences implements Function<DSLContext, List<AudiencePair>> {

    private final Collection<String> userIds;
    private final int maxRoomMembers;
    private final int limit;

    SelectRoomAudiences(Collection<String> userIds, int maxRoomMembers, int limit) {
        this.userIds = userIds;
        this.maxRoomMembers = maxRoomMembers;
        this.limit = limit;
    }

    @Override
    public List<AudiencePair> apply(DSLContext dsl) {
        RoomMembers mine = ROOM_MEMBERS.as("mine");
        RoomMembers fellow = ROOM_MEMBERS.as("fellow");
        return dsl.selectDistinct(mine.USER_ID, fellow.USER_ID)
                .from(mine)
                .join(ROOMS).on(ROOMS.ID.eq(mine.ROOM_ID), ROOMS.DELETED_AT.isNull(),
                        ROOMS.MEMBER_COUNT.le(maxRoomMembers))
                .join(fellow).on(fellow.ROOM_ID.eq(mine.ROOM_ID), fellow.LEFT_SEQUENCE.isNull(),
                        fellow.USER_ID.ne(mine.USER_ID))
                .where(mine.USER_ID.in(userIds), mine.LEFT_SEQUENCE.isNull())
                .limit(limit)
                .fetch(r -> new AudiencePair(r.value1(), r.value2()));
    }

    @Override
    public String toString() {
        return "SelectRoomAudiences{" + userIds.size() + " users}";
    }
}
