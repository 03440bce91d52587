package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static org.jooq.impl.DSL.select;

import dev.herald.worker.store.RowBatch.RoomRow;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Creates the batch's rooms and their first members: one {@code insert ... on conflict do nothing} of the rooms,
 * then one insert of the members of the rooms it created, however many. A room stored before (a redelivery) or
 * deleted since (its row stays as a tombstone) is not created, so its members are not inserted again: a
 * redelivered creation never brings back a member who left or a deleted room.
 */
final class InsertRooms implements Function<DSLContext, Integer> {

    /** A {@code room_members} row of a new room; the creator is its owner. */
    private record MemberRow(UUID roomId, String userId, boolean owner, @Nullable Long ownerSince,
            OffsetDateTime joinedAt, long joinedSequence) {}

    private final List<RoomRow> rooms;

    InsertRooms(List<RoomRow> rooms) {
        this.rooms = rooms;
    }

    /** Returns how many rooms and members it created. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (rooms.isEmpty()) {
            return 0;
        }
        Set<UUID> created = insertRooms(dsl);
        List<MemberRow> members = membersOf(created);
        return created.size() + insertMembers(dsl, members);
    }

    private Set<UUID> insertRooms(DSLContext dsl) {
        Unnest<RoomRow> source = new Unnest<>(rooms, "r")
                .column(ROOMS.ID, RoomRow::id)
                .column(ROOMS.NAME, RoomRow::name)
                .column(ROOMS.TOPIC, RoomRow::topic)
                .column(ROOMS.PUBLIC, RoomRow::isPublic)
                .column(ROOMS.CREATOR_ID, RoomRow::creatorId)
                .column(ROOMS.CREATED_AT, RoomRow::createdAt)
                .column(ROOMS.STREAM_SEQUENCE, RoomRow::streamSequence)
                .column(ROOMS.MEMBER_COUNT, RoomRow::memberCount);
        return dsl.insertInto(ROOMS, ROOMS.ID, ROOMS.NAME, ROOMS.TOPIC, ROOMS.PUBLIC, ROOMS.CREATOR_ID,
                        ROOMS.CREATED_AT, ROOMS.UPDATED_AT, ROOMS.STREAM_SEQUENCE, ROOMS.MEMBER_COUNT)
                .select(select(source.field(ROOMS.ID), source.field(ROOMS.NAME), source.field(ROOMS.TOPIC),
                        source.field(ROOMS.PUBLIC), source.field(ROOMS.CREATOR_ID), source.field(ROOMS.CREATED_AT),
                        source.field(ROOMS.CREATED_AT), source.field(ROOMS.STREAM_SEQUENCE),
                        source.field(ROOMS.MEMBER_COUNT))
                        .from(source.table()))
                .onConflictDoNothing()
                .returningResult(ROOMS.ID)
                .fetchSet(ROOMS.ID);
    }

    /** The members of the created rooms, sorted by key; each joined (and has read) at the creation's sequence. */
    private List<MemberRow> membersOf(Set<UUID> created) {
        List<MemberRow> members = new ArrayList<>();
        for (RoomRow room : rooms) {
            if (!created.contains(room.id())) {
                continue;
            }
            long sequence = room.streamSequence();
            members.add(new MemberRow(room.id(), room.creatorId(), true, sequence, room.createdAt(), sequence));
            for (String member : room.memberIds()) {
                members.add(new MemberRow(room.id(), member, false, null, room.createdAt(), sequence));
            }
        }
        members.sort(Comparator.comparing(MemberRow::roomId).thenComparing(MemberRow::userId));
        return members;
    }

    private static int insertMembers(DSLContext dsl, List<MemberRow> members) {
        if (members.isEmpty()) {
            return 0;
        }
        Unnest<MemberRow> source = new Unnest<>(members, "m")
                .column(ROOM_MEMBERS.ROOM_ID, MemberRow::roomId)
                .column(ROOM_MEMBERS.USER_ID, MemberRow::userId)
                .column(ROOM_MEMBERS.OWNER, MemberRow::owner)
                .column(ROOM_MEMBERS.OWNER_SINCE, MemberRow::ownerSince)
                .column(ROOM_MEMBERS.JOINED_AT, MemberRow::joinedAt)
                .column(ROOM_MEMBERS.JOINED_SEQUENCE, MemberRow::joinedSequence);
        return dsl.insertInto(ROOM_MEMBERS, ROOM_MEMBERS.ROOM_ID, ROOM_MEMBERS.USER_ID, ROOM_MEMBERS.OWNER,
                        ROOM_MEMBERS.OWNER_SINCE, ROOM_MEMBERS.JOINED_AT, ROOM_MEMBERS.JOINED_SEQUENCE,
                        ROOM_MEMBERS.READ_SEQUENCE)
                .select(select(source.field(ROOM_MEMBERS.ROOM_ID), source.field(ROOM_MEMBERS.USER_ID),
                        source.field(ROOM_MEMBERS.OWNER), source.field(ROOM_MEMBERS.OWNER_SINCE),
                        source.field(ROOM_MEMBERS.JOINED_AT), source.field(ROOM_MEMBERS.JOINED_SEQUENCE),
                        source.field(ROOM_MEMBERS.JOINED_SEQUENCE))
                        .from(source.table()))
                .onConflictDoNothing()
                .execute();
    }

    @Override
    public String toString() {
        return "InsertRooms{rows=" + rooms.size() + "}";
    }
}
