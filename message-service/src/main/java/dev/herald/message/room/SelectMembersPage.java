package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static dev.herald.schema.generated.Tables.USERS;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** A room's current members by user id after a cursor, each with the display name the directory holds. */
final class SelectMembersPage implements Function<DSLContext, List<SelectMembersPage.MemberRow>> {

    private final UUID roomId;
    private final Optional<String> after;
    private final int rows;

    SelectMembersPage(UUID roomId, Optional<String> after, int rows) {
        this.roomId = roomId;
        this.after = after;
        this.rows = rows;
    }

    /** @param name empty when the directory does not hold the user (yet) */
    record MemberRow(Membership member, String name) {}

    @Override
    public List<MemberRow> apply(DSLContext dsl) {
        return dsl.select(ROOM_MEMBERS, USERS.NAME)
                .from(ROOM_MEMBERS).leftJoin(USERS).on(USERS.ID.eq(ROOM_MEMBERS.USER_ID))
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.LEFT_SEQUENCE.isNull(),
                        after.map(ROOM_MEMBERS.USER_ID::gt).orElse(org.jooq.impl.DSL.noCondition()))
                .orderBy(ROOM_MEMBERS.USER_ID)
                .limit(rows)
                .fetch(r -> new MemberRow(Membership.of(r.value1()), r.value2() == null ? "" : r.value2()));
    }

    @Override
    public String toString() {
        return "SelectMembersPage{roomId=" + roomId + ", after=" + after.isPresent() + ", rows=" + rows + "}";
    }
}
