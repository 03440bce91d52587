package dev.herald.message.testing;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static dev.herald.schema.generated.Tables.USERS;

import dev.herald.message.send.MessageIds;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jspecify.annotations.Nullable;

/**
 * Rooms, their members, room messages, announcements and per-user marks as the persistence-worker would have stored
 * them: one messages row per room message or announcement, no receipts. Positions are stream sequences the test
 * picks.
 */
public final class StoredRoomMessages {

    private final DSLContext dsl;

    public StoredRoomMessages(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A user stored when the event at {@code firstSequence} was (announcements after it are the user's). */
    public void user(String id, @Nullable Long firstSequence) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        dsl.insertInto(USERS).set(USERS.ID, id).set(USERS.NAME, "name of " + id)
                .set(USERS.CREATED_AT, now).set(USERS.UPDATED_AT, now).set(USERS.FIRST_SEQUENCE, firstSequence)
                .execute();
    }

    /** A new room created by {@code creatorId}, who is not made a member (see {@link #member}). */
    public UUID room(String creatorId, boolean isPublic) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        dsl.insertInto(ROOMS).set(ROOMS.ID, id).set(ROOMS.NAME, "room " + id).set(ROOMS.PUBLIC, isPublic)
                .set(ROOMS.CREATOR_ID, creatorId).set(ROOMS.CREATED_AT, now).set(ROOMS.UPDATED_AT, now)
                .set(ROOMS.STREAM_SEQUENCE, 0L).execute();
        return id;
    }

    /** The users join the room with the event at {@code joinedSequence}. */
    public void member(UUID roomId, long joinedSequence, String... userIds) {
        members(roomId, joinedSequence, List.of(userIds));
    }

    public void members(UUID roomId, long joinedSequence, List<String> userIds) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        var insert = dsl.insertInto(ROOM_MEMBERS, ROOM_MEMBERS.ROOM_ID, ROOM_MEMBERS.USER_ID, ROOM_MEMBERS.JOINED_AT,
                ROOM_MEMBERS.JOINED_SEQUENCE);
        for (String userId : userIds) {
            insert = insert.values(roomId, userId, now, joinedSequence);
        }
        insert.execute();
    }

    /** The user left (or was removed) with the event at {@code leftSequence}; the row stays. */
    public void left(UUID roomId, String userId, long leftSequence) {
        dsl.update(ROOM_MEMBERS).set(ROOM_MEMBERS.LEFT_SEQUENCE, leftSequence)
                .set(ROOM_MEMBERS.LEFT_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.USER_ID.eq(userId)).execute();
    }

    /** The member read the room up to and including the message at {@code readSequence}. */
    public void readUpTo(UUID roomId, String userId, long readSequence) {
        dsl.update(ROOM_MEMBERS).set(ROOM_MEMBERS.READ_SEQUENCE, readSequence)
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.USER_ID.eq(userId)).execute();
    }

    /** A message to the room, published at {@code sequence}. */
    public UUID roomMessage(UUID roomId, String senderId, long sequence) {
        return store(senderId, sequence, roomId, false);
    }

    /** {@code count} messages to the room at consecutive sequences from {@code firstSequence}, in one statement. */
    public void roomMessages(UUID roomId, String senderId, long firstSequence, int count) {
        List<Query> inserts = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            inserts.add(insert(new MessageIds().next(Instant.now()), senderId, firstSequence + i, roomId, false));
        }
        dsl.batch(inserts).execute();
    }

    /** An announcement, published at {@code sequence}. */
    public UUID announcement(String senderId, long sequence) {
        return store(senderId, sequence, null, true);
    }

    /** The user's mark on a room message or an announcement, as the worker upserts it. */
    public void mark(String userId, UUID messageId, @Nullable Instant readAt, @Nullable Instant deletedAt) {
        dsl.insertInto(MESSAGE_MARKS).set(MESSAGE_MARKS.USER_ID, userId).set(MESSAGE_MARKS.MESSAGE_ID, messageId)
                .set(MESSAGE_MARKS.READ_AT, time(readAt)).set(MESSAGE_MARKS.DELETED_AT, time(deletedAt)).execute();
    }

    private UUID store(String senderId, long sequence, @Nullable UUID roomId, boolean announcement) {
        UUID id = new MessageIds().next(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        insert(id, senderId, sequence, roomId, announcement).execute();
        return id;
    }

    private Query insert(UUID id, String senderId, long sequence, @Nullable UUID roomId, boolean announcement) {
        return dsl.insertInto(MESSAGES)
                .set(MESSAGES.ID, id)
                .set(MESSAGES.SENDER_ID, senderId)
                .set(MESSAGES.SENDER_NAME, "name of " + senderId)
                .set(MESSAGES.TITLE, "")
                .set(MESSAGES.BODY, "at " + sequence)
                .set(MESSAGES.TYPE, "text")
                .set(MESSAGES.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
                .set(MESSAGES.STREAM_SEQUENCE, sequence)
                .set(MESSAGES.ROOM_ID, roomId)
                .set(MESSAGES.ANNOUNCEMENT, announcement);
    }

    private static @Nullable OffsetDateTime time(@Nullable Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
