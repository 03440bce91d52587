package dev.herald.message.testing;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import dev.herald.message.send.MessageIds;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Rooms, memberships and room messages as the persistence-worker would have stored them from their events, each
 * at the next stream sequence of its own counter (positions are stream sequences: the order here is the order
 * the events were published in).
 */
public final class StoredRooms {

    private final DSLContext dsl;
    private final AtomicLong sequence = new AtomicLong(1_000);

    public StoredRooms(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A room to store: {@code creatorId}'s (its owner), private, with defaults for everything not set. */
    public Room room(String creatorId) {
        return new Room(creatorId);
    }

    /** As RoomMembersAdded: a new membership, or a left one reopened as a new window. */
    public void add(UUID roomId, String userId, boolean owner) {
        long at = sequence.incrementAndGet();
        OffsetDateTime now = now();
        dsl.insertInto(ROOM_MEMBERS)
                .set(ROOM_MEMBERS.ROOM_ID, roomId).set(ROOM_MEMBERS.USER_ID, userId)
                .set(ROOM_MEMBERS.OWNER, owner).set(ROOM_MEMBERS.OWNER_SINCE, owner ? at : null)
                .set(ROOM_MEMBERS.JOINED_AT, now).set(ROOM_MEMBERS.JOINED_SEQUENCE, at)
                .set(ROOM_MEMBERS.READ_SEQUENCE, at)
                .onConflict(ROOM_MEMBERS.ROOM_ID, ROOM_MEMBERS.USER_ID).doUpdate()
                .set(ROOM_MEMBERS.OWNER, owner).set(ROOM_MEMBERS.OWNER_SINCE, owner ? at : null)
                .set(ROOM_MEMBERS.JOINED_AT, now).set(ROOM_MEMBERS.JOINED_SEQUENCE, at)
                .set(ROOM_MEMBERS.READ_SEQUENCE, at)
                .setNull(ROOM_MEMBERS.LEFT_AT).setNull(ROOM_MEMBERS.LEFT_SEQUENCE)
                .execute();
        countMembers(roomId);
    }

    /** As RoomMembersRemoved: the membership closed, what was received before kept. */
    public void remove(UUID roomId, String userId) {
        dsl.update(ROOM_MEMBERS).set(ROOM_MEMBERS.LEFT_SEQUENCE, sequence.incrementAndGet())
                .set(ROOM_MEMBERS.LEFT_AT, now()).set(ROOM_MEMBERS.OWNER, false)
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.USER_ID.eq(userId)).execute();
        countMembers(roomId);
    }

    /** A message to the room from {@code senderId}, at the next sequence; returns its id. */
    public UUID message(UUID roomId, String senderId) {
        return message(roomId, senderId, "hello");
    }

    public UUID message(UUID roomId, String senderId, String body) {
        long at = sequence.incrementAndGet();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID id = new MessageIds().next(createdAt);
        dsl.insertInto(MESSAGES)
                .set(MESSAGES.ID, id).set(MESSAGES.SENDER_ID, senderId)
                .set(MESSAGES.SENDER_NAME, "name of " + senderId)
                .set(MESSAGES.TITLE, "").set(MESSAGES.BODY, body).set(MESSAGES.TYPE, "text")
                .set(MESSAGES.CREATED_AT, createdAt.atOffset(ZoneOffset.UTC))
                .set(MESSAGES.STREAM_SEQUENCE, at).set(MESSAGES.ROOM_ID, roomId)
                .execute();
        dsl.update(ROOMS).set(ROOMS.LAST_MESSAGE_SEQUENCE, at).where(ROOMS.ID.eq(roomId)).execute();
        return id;
    }

    /** {@code count} messages to the room from {@code senderId} in one insert. */
    public void messages(UUID roomId, String senderId, int count) {
        var insert = dsl.insertInto(MESSAGES, MESSAGES.ID, MESSAGES.SENDER_ID, MESSAGES.SENDER_NAME, MESSAGES.TITLE,
                MESSAGES.BODY, MESSAGES.TYPE, MESSAGES.CREATED_AT, MESSAGES.STREAM_SEQUENCE, MESSAGES.ROOM_ID);
        MessageIds ids = new MessageIds();
        long last = 0;
        for (int i = 0; i < count; i++) {
            last = sequence.incrementAndGet();
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            insert = insert.values(ids.next(at), senderId, "name of " + senderId, "", "message " + i, "text",
                    at.atOffset(ZoneOffset.UTC), last, roomId);
        }
        insert.execute();
        dsl.update(ROOMS).set(ROOMS.LAST_MESSAGE_SEQUENCE, last).where(ROOMS.ID.eq(roomId)).execute();
    }

    /** As RoomRead: the read position moves up to the message, never back. */
    public void read(UUID roomId, String userId, UUID messageId) {
        long at = dsl.select(MESSAGES.STREAM_SEQUENCE).from(MESSAGES).where(MESSAGES.ID.eq(messageId))
                .fetchSingle(MESSAGES.STREAM_SEQUENCE);
        dsl.update(ROOM_MEMBERS).set(ROOM_MEMBERS.READ_SEQUENCE, DSL.greatest(ROOM_MEMBERS.READ_SEQUENCE, DSL.val(at)))
                .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.USER_ID.eq(userId)).execute();
    }

    /** A member deleted a room message for themselves. */
    public void deleteForMe(String userId, UUID messageId) {
        dsl.insertInto(MESSAGE_MARKS).set(MESSAGE_MARKS.USER_ID, userId).set(MESSAGE_MARKS.MESSAGE_ID, messageId)
                .set(MESSAGE_MARKS.DELETED_AT, now()).execute();
    }

    public void recall(UUID messageId) {
        dsl.update(MESSAGES).set(MESSAGES.RECALLED_AT, now()).where(MESSAGES.ID.eq(messageId)).execute();
    }

    /** As RoomDeleted: the tombstone set, the messages purged. */
    public void delete(UUID roomId) {
        dsl.update(ROOMS).set(ROOMS.DELETED_AT, now()).where(ROOMS.ID.eq(roomId)).execute();
        dsl.deleteFrom(MESSAGES).where(MESSAGES.ROOM_ID.eq(roomId)).execute();
    }

    private void countMembers(UUID roomId) {
        dsl.update(ROOMS).set(ROOMS.MEMBER_COUNT, dsl.selectCount().from(ROOM_MEMBERS)
                        .where(ROOM_MEMBERS.ROOM_ID.eq(roomId), ROOM_MEMBERS.LEFT_SEQUENCE.isNull()))
                .where(ROOMS.ID.eq(roomId)).execute();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** A room to store, as RoomCreated stores it: the creator its owner, the members with it from creation. */
    public final class Room {

        private final String creatorId;
        private String name = "room";
        private String topic = "";
        private boolean isPublic;
        private List<String> members = List.of();

        private Room(String creatorId) {
            this.creatorId = creatorId;
        }

        public Room name(String value) {
            name = value;
            return this;
        }

        public Room topic(String value) {
            topic = value;
            return this;
        }

        public Room publicRoom() {
            isPublic = true;
            return this;
        }

        public Room members(String... userIds) {
            members = List.of(userIds);
            return this;
        }

        public UUID store() {
            long at = sequence.incrementAndGet();
            OffsetDateTime now = now();
            UUID id = new MessageIds().next(now.toInstant());
            dsl.insertInto(ROOMS).set(ROOMS.ID, id).set(ROOMS.NAME, name).set(ROOMS.TOPIC, topic)
                    .set(ROOMS.PUBLIC, isPublic).set(ROOMS.CREATOR_ID, creatorId)
                    .set(ROOMS.CREATED_AT, now).set(ROOMS.UPDATED_AT, now).set(ROOMS.STREAM_SEQUENCE, at)
                    .execute();
            member(id, creatorId, true, at, now);
            members.forEach(member -> member(id, member, false, at, now));
            countMembers(id);
            return id;
        }

        private void member(UUID roomId, String userId, boolean owner, long at, OffsetDateTime now) {
            dsl.insertInto(ROOM_MEMBERS)
                    .set(ROOM_MEMBERS.ROOM_ID, roomId).set(ROOM_MEMBERS.USER_ID, userId)
                    .set(ROOM_MEMBERS.OWNER, owner).set(ROOM_MEMBERS.OWNER_SINCE, owner ? at : null)
                    .set(ROOM_MEMBERS.JOINED_AT, now).set(ROOM_MEMBERS.JOINED_SEQUENCE, at)
                    .set(ROOM_MEMBERS.READ_SEQUENCE, at)
                    .execute();
        }
    }
}
