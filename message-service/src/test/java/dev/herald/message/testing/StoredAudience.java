package dev.herald.message.testing;

import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static dev.herald.schema.generated.Tables.USERS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/** Rooms with current members, and last-seen times, as the persistence-worker would have stored them. */
public final class StoredAudience {

    private final DSLContext dsl;

    public StoredAudience(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A room whose current members are {@code members} (member_count their number); returns its id. */
    public UUID room(String... members) {
        return room(members.length, List.of(members));
    }

    /** A room with {@code members} stored, but counted as {@code memberCount} members (a big room, cheaply). */
    public UUID room(int memberCount, List<String> members) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        dsl.insertInto(ROOMS).set(ROOMS.ID, id).set(ROOMS.NAME, "room " + id).set(ROOMS.PUBLIC, false)
                .set(ROOMS.CREATOR_ID, members.getFirst()).set(ROOMS.CREATED_AT, now).set(ROOMS.UPDATED_AT, now)
                .set(ROOMS.STREAM_SEQUENCE, 1L).set(ROOMS.MEMBER_COUNT, memberCount).execute();
        for (String member : members) {
            dsl.insertInto(ROOM_MEMBERS).set(ROOM_MEMBERS.ROOM_ID, id).set(ROOM_MEMBERS.USER_ID, member)
                    .set(ROOM_MEMBERS.JOINED_AT, now).set(ROOM_MEMBERS.JOINED_SEQUENCE, 1L).execute();
        }
        return id;
    }

    /** As the worker applies a leave: the membership ends, the row stays. */
    public void leave(UUID roomId, String member) {
        dsl.update(ROOM_MEMBERS).set(ROOM_MEMBERS.LEFT_SEQUENCE, 2L)
                .set(ROOM_MEMBERS.LEFT_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.USER_ID.eq(member)).execute();
        dsl.update(ROOMS).set(ROOMS.MEMBER_COUNT, ROOMS.MEMBER_COUNT.minus(1)).where(ROOMS.ID.eq(roomId)).execute();
    }

    /** As the worker applies UserLastSeen. */
    public void lastSeen(String userId, Instant at) {
        dsl.update(USERS).set(USERS.LAST_SEEN_AT, at.atOffset(ZoneOffset.UTC)).where(USERS.ID.eq(userId)).execute();
    }
}
