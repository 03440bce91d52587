package dev.herald.worker;

import static dev.herald.schema.generated.Tables.DEAD_LETTERS;
import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static dev.herald.schema.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.StreamEvent;
import dev.herald.schema.generated.tables.records.DeadLettersRecord;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.NatsExtension;
import dev.herald.worker.testing.RoomEvents;
import dev.herald.worker.testing.StreamPublisher;
import dev.herald.worker.testing.Uuids;
import dev.herald.worker.testing.WorkerScope;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Room events, room messages, announcements and last-seen times through the running worker: published on their
 * subjects, stored, acked; a room event PostgreSQL rejects or that does not decode is dead-lettered like any other;
 * a deleted room's message events leave the stream.
 */
class RoomEventsWorkerIT {

    @RegisterExtension
    static final NatsExtension nats = new NatsExtension();
    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Map<String, String> ONE_BATCH =
            Map.of("HERALD_WORKER_BATCH_SIZE", "1000", "HERALD_WORKER_BATCH_MAX_WAIT_MS", "1000");
    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    /** JetStream's "no message found" for a get by sequence. */
    private static final int NO_MESSAGE_FOUND = 10037;

    private final DSLContext dsl = db.dsl();
    private final UUID room = UUID.randomUUID();
    private WorkerScope scope;
    private StreamPublisher publisher;

    @BeforeEach
    void scope() {
        db.truncate();
        scope = new WorkerScope(nats, db.env());
        publisher = scope.publisher();
    }

    @Test
    void everyKindIsStoredAndAcked() {
        UUID message = Uuids.v7();
        UUID announcement = Uuids.v7();
        long seen = publisher.publish(Events.userSeen("bob", "Bob", T1));
        long created = publisher.publish(RoomEvents.roomCreated(room, "alice", List.of("bob"), T1));
        publisher.publish(RoomEvents.roomUpdated(room, "renamed", null, T1.plusSeconds(1)));
        long added = publisher.publish(RoomEvents.membersAdded(room, List.of("carol"), false, T1));
        long sent = publisher.publish(RoomEvents.roomMessage(message, "alice", room));
        publisher.publish(RoomEvents.announcement(announcement, "admin"));
        publisher.publish(RoomEvents.roomRead(room, "bob", message, T1));
        long left = publisher.publish(RoomEvents.membersRemoved(room, List.of("alice"), T1));
        long last = publisher.publish(RoomEvents.lastSeen("bob", T1.plusSeconds(5)));

        try (PersistenceWorker worker = scope.startWorker(Map.of("HERALD_WORKER_BATCH_MAX_WAIT_MS", "200"))) {
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() == last);

            assertThat(dsl.fetchValue(ROOMS.NAME, ROOMS.ID.eq(room))).isEqualTo("renamed");
            assertThat(dsl.fetchValue(ROOMS.STREAM_SEQUENCE, ROOMS.ID.eq(room))).isEqualTo(created);
            assertThat(dsl.fetchValue(ROOMS.LAST_MESSAGE_SEQUENCE, ROOMS.ID.eq(room))).isEqualTo(sent);
            assertThat(dsl.fetchValue(ROOMS.MEMBER_COUNT, ROOMS.ID.eq(room))).isEqualTo(2);
            assertThat(dsl.select(ROOM_MEMBERS.USER_ID, ROOM_MEMBERS.JOINED_SEQUENCE, ROOM_MEMBERS.READ_SEQUENCE,
                            ROOM_MEMBERS.LEFT_SEQUENCE, ROOM_MEMBERS.OWNER)
                    .from(ROOM_MEMBERS).where(ROOM_MEMBERS.ROOM_ID.eq(room)).orderBy(ROOM_MEMBERS.USER_ID)
                    .fetch(r -> List.of(r.value1(), r.value2(), r.value3(), String.valueOf(r.value4()), r.value5())))
                    .containsExactly(
                            List.of("alice", created, created, String.valueOf(left), false),
                            List.of("bob", created, sent, "null", true),
                            List.of("carol", added, added, "null", false));
            assertThat(dsl.fetchValue(MESSAGES.ROOM_ID, MESSAGES.ID.eq(message))).isEqualTo(room);
            assertThat(dsl.fetchValue(MESSAGES.ANNOUNCEMENT, MESSAGES.ID.eq(announcement))).isTrue();
            assertThat(dsl.fetchValue(USERS.FIRST_SEQUENCE, USERS.ID.eq("bob"))).isEqualTo(seen);
            assertThat(dsl.fetchValue(USERS.LAST_SEEN_AT, USERS.ID.eq("bob")))
                    .isEqualTo(T1.plusSeconds(5).atOffset(ZoneOffset.UTC));
            assertThat(dsl.fetchCount(DEAD_LETTERS)).isZero();
            assertThat(worker.stats().failures()).isZero();
        }
    }

    @Test
    void aRoomEventPostgresRejectsIsIsolatedByHalvingAndTheOthersStored() {
        List<StreamEvent> events = new ArrayList<>();
        events.add(RoomEvents.roomCreated(room, "alice", List.of(), T1));
        for (int i = 0; i < 62; i++) {
            events.add(RoomEvents.membersAdded(room, List.of("member-" + i), false, T1));
        }
        events.add(RoomEvents.roomMessage(Uuids.v7(), "alice", room));
        int badIndex = 40;
        // A user id longer than varchar(255): the message-service refuses it, so only a broken publisher sends it.
        events.set(badIndex, RoomEvents.membersAdded(room, List.of("x".repeat(300)), false, T1));
        List<Long> sequences = publisher.publishAll(events);

        try (PersistenceWorker worker = scope.startWorker(ONE_BATCH)) {
            await().atMost(TIMEOUT).until(() -> worker.stats().deadLettered() == 1
                    && scope.consumerInfo().getAckFloor().getStreamSequence() == sequences.getLast());

            DeadLettersRecord letter = dsl.fetchSingle(DEAD_LETTERS);
            assertThat(letter.getStreamSequence()).isEqualTo(sequences.get(badIndex));
            assertThat(letter.getSqlState()).isEqualTo("22001");
            assertThat(letter.getSubject()).isEqualTo(scope.subjectPrefix() + ".update");
            assertThat(dsl.fetchValue(ROOMS.MEMBER_COUNT, ROOMS.ID.eq(room))).isEqualTo(1 + 61);
            assertThat(dsl.fetchCount(ROOM_MEMBERS, ROOM_MEMBERS.ROOM_ID.eq(room))).isEqualTo(1 + 61);
            assertThat(dsl.fetchValue(ROOMS.LAST_MESSAGE_SEQUENCE, ROOMS.ID.eq(room))).isEqualTo(sequences.getLast());
            assertThat(worker.stats().rejectedWrites()).isBetween(1L, 7L);
        }
    }

    @Test
    void aRoomEventWithoutAUuidRoomIdIsDeadLetteredAndTheOthersStored() {
        StreamEvent bad = RoomEvents.roomDeleted(room, T1);
        bad = bad.toBuilder().setRoomDeleted(bad.getRoomDeleted().toBuilder().setRoomId("not-a-room")).build();
        publisher.publish(RoomEvents.roomCreated(room, "alice", List.of(), T1));
        long badSequence = publisher.publish(bad);
        long last = publisher.publish(RoomEvents.membersAdded(room, List.of("bob"), false, T1));

        try (PersistenceWorker worker = scope.startWorker(Map.of("HERALD_WORKER_BATCH_MAX_WAIT_MS", "200"))) {
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() == last);

            DeadLettersRecord letter = dsl.fetchSingle(DEAD_LETTERS);
            assertThat(letter.getStreamSequence()).isEqualTo(badSequence);
            assertThat(letter.getReason()).isEqualTo("undecodable: room_deleted room_id is not a UUID");
            assertThat(dsl.fetchValue(ROOMS.MEMBER_COUNT, ROOMS.ID.eq(room))).isEqualTo(2);
            assertThat(worker.stats().deadLettered()).isEqualTo(1);
        }
    }

    @Test
    void aDeletedRoomsMessageEventsAreDeletedFromTheStream() throws IOException, JetStreamApiException {
        JetStreamManagement jsm = nats.connection().jetStreamManagement();
        UUID kept = Uuids.v7();
        publisher.publish(RoomEvents.roomCreated(room, "alice", List.of("bob"), T1));
        long first = publisher.publish(RoomEvents.roomMessage(Uuids.v7(), "alice", room));
        long second = publisher.publish(RoomEvents.roomMessage(Uuids.v7(), "bob", room));
        long direct = publisher.publish(Events.message(kept, "alice", List.of("bob")));

        try (PersistenceWorker worker = scope.startWorker(Map.of("HERALD_WORKER_BATCH_MAX_WAIT_MS", "200"))) {
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() == direct);
            long deleted = publisher.publish(RoomEvents.roomDeleted(room, T1));
            long late = publisher.publish(RoomEvents.roomMessage(Uuids.v7(), "bob", room));
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() == late);

            assertThat(dsl.fetchCount(MESSAGES, MESSAGES.ROOM_ID.eq(room))).isZero();
            assertThat(dsl.fetchValue(ROOMS.DELETED_AT, ROOMS.ID.eq(room))).isNotNull();
            for (long gone : List.of(first, second, late)) {
                assertThatThrownBy(() -> jsm.getMessage(scope.stream(), gone))
                        .isInstanceOfSatisfying(JetStreamApiException.class,
                                e -> assertThat(e.getApiErrorCode()).isEqualTo(NO_MESSAGE_FOUND));
            }
            assertThat(jsm.getMessage(scope.stream(), direct).getSeq()).isEqualTo(direct);
            assertThat(jsm.getMessage(scope.stream(), deleted).getSeq()).isEqualTo(deleted);
            assertThat(worker.stats().failures()).isZero();
        }
    }
}
