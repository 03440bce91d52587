package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Users join a room at the event's sequence {@code S}: a new member gets a row; one who left before {@code S} gets
 * a new membership window (joined at {@code S}, read up to {@code S}, left cleared: what was sent while away stays
 * hidden); a current member stays as is. With {@code owners}, the listed current members become owners since
 * {@code S}. {@code member_count} moves by the members it added. A redelivery changes nothing: the rows it would
 * reopen were left after {@code S} or joined at {@code S}, and its owners are owners already.
 */
final class AddRoomMembers implements Function<DSLContext, RoomChange> {

    private final UUID roomId;
    private final List<String> userIds;
    private final boolean owners;
    private final OffsetDateTime addedAt;
    private final long sequence;

    AddRoomMembers(UUID roomId, List<String> userIds, boolean owners, OffsetDateTime addedAt, long sequence) {
        this.roomId = roomId;
        this.userIds = userIds.stream().sorted().toList();
        this.owners = owners;
        this.addedAt = addedAt;
        this.sequence = sequence;
    }

    @Override
    public RoomChange apply(DSLContext tx) {
        if (userIds.isEmpty() || !LiveRoom.lock(tx, roomId)) {
            return RoomChange.NONE;
        }
        int joined = join(tx);
        if (joined > 0) {
            tx.update(ROOMS).set(ROOMS.MEMBER_COUNT, ROOMS.MEMBER_COUNT.plus(joined)).where(ROOMS.ID.eq(roomId))
                    .execute();
        }
        return new RoomChange(joined + (owners ? makeOwners(tx) : 0), List.of());
    }

    private int join(DSLContext tx) {
        Table<?> users = DSL.unnest(val(userIds.toArray(String[]::new), SQLDataType.CLOB.array())).as("u", "id");
        Field<String> user = users.field("id", String.class);
        return tx.insertInto(ROOM_MEMBERS, ROOM_MEMBERS.ROOM_ID, ROOM_MEMBERS.USER_ID, ROOM_MEMBERS.OWNER,
                        ROOM_MEMBERS.OWNER_SINCE, ROOM_MEMBERS.JOINED_AT, ROOM_MEMBERS.JOINED_SEQUENCE,
                        ROOM_MEMBERS.READ_SEQUENCE)
                .select(select(val(roomId), user, inline(owners), val(owners ? sequence : null, Long.class),
                        val(addedAt), val(sequence), val(sequence)).from(users))
                .onConflict(ROOM_MEMBERS.ROOM_ID, ROOM_MEMBERS.USER_ID)
                .doUpdate()
                .set(ROOM_MEMBERS.OWNER, excluded(ROOM_MEMBERS.OWNER))
                .set(ROOM_MEMBERS.OWNER_SINCE, excluded(ROOM_MEMBERS.OWNER_SINCE))
                .set(ROOM_MEMBERS.JOINED_AT, excluded(ROOM_MEMBERS.JOINED_AT))
                .set(ROOM_MEMBERS.JOINED_SEQUENCE, excluded(ROOM_MEMBERS.JOINED_SEQUENCE))
                .set(ROOM_MEMBERS.READ_SEQUENCE, excluded(ROOM_MEMBERS.READ_SEQUENCE))
                .setNull(ROOM_MEMBERS.LEFT_AT)
                .setNull(ROOM_MEMBERS.LEFT_SEQUENCE)
                .where(ROOM_MEMBERS.LEFT_SEQUENCE.lt(excluded(ROOM_MEMBERS.JOINED_SEQUENCE)))
                .execute();
    }

    /** Current members who joined by {@code S} and are not owners yet become owners since {@code S}. */
    private int makeOwners(DSLContext tx) {
        return tx.update(ROOM_MEMBERS)
                .set(ROOM_MEMBERS.OWNER, true)
                .set(ROOM_MEMBERS.OWNER_SINCE, sequence)
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.USER_ID.eq(any(userIds.toArray(String[]::new))),
                        ROOM_MEMBERS.LEFT_SEQUENCE.isNull(), ROOM_MEMBERS.JOINED_SEQUENCE.le(sequence),
                        ROOM_MEMBERS.OWNER.isFalse())
                .execute();
    }

    @Override
    public String toString() {
        return "AddRoomMembers{roomId=" + roomId + ", users=" + userIds.size() + ", owners=" + owners + "}";
    }
}
