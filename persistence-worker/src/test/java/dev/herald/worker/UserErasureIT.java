package dev.herald.worker;

import static dev.herald.schema.generated.Tables.ERASED_USERS;
import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static dev.herald.schema.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.StreamEvent;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Erasing a user through the running worker: their sent messages (direct and room) with the events holding them,
 * their receipts, marks, memberships (under the room rules) and directory entry go, a tombstone stays, other users'
 * data is intact, and an older event of theirs that comes back is not stored again.
 */
class UserErasureIT {

    @RegisterExtension
    static final NatsExtension nats = new NatsExtension();
    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** JetStream's "no message found" for a get by sequence. */
    private static final int NO_MESSAGE_FOUND = 10037;

    private final DSLContext dsl = db.dsl();
    private final UUID shared = UUID.randomUUID();
    private final UUID hosted = UUID.randomUUID();
    private final UUID alone = UUID.randomUUID();
    private WorkerScope scope;
    private StreamPublisher publisher;
    private JetStreamManagement jsm;

    @BeforeEach
    void scope() throws IOException {
        db.truncate();
        scope = new WorkerScope(nats, db.env());
        publisher = scope.publisher();
        jsm = nats.connection().jetStreamManagement();
    }

    @Test
    void everythingOfTheUserGoesAndNothingComesBack() throws Exception {
        Instant before = Instant.now().minusSeconds(60);
        UUID fromEve = Uuids.v7();
        UUID toEve = Uuids.v7();
        UUID eveInRoom = Uuids.v7();
        UUID bobInRoom = Uuids.v7();
        UUID announcement = Uuids.v7();
        for (String user : List.of("eve", "bob", "carol")) {
            publisher.publish(Events.userSeen(user, user.toUpperCase(), before));
        }
        publisher.publish(RoomEvents.roomCreated(shared, "eve", List.of("bob"), before));
        publisher.publish(RoomEvents.roomCreated(hosted, "carol", List.of("eve"), before));
        publisher.publish(RoomEvents.roomCreated(alone, "eve", List.of(), before));
        StreamEvent eveSent = Events.message(fromEve, "eve", List.of("bob", "carol"));
        long eveSentEvent = publisher.publish(eveSent);
        long toEveEvent = publisher.publish(Events.message(toEve, "bob", List.of("eve", "carol")));
        long eveInRoomEvent = publisher.publish(RoomEvents.roomMessage(eveInRoom, "eve", shared));
        publisher.publish(RoomEvents.roomMessage(bobInRoom, "bob", shared));
        publisher.publish(RoomEvents.announcement(announcement, "root"));
        publisher.publish(Events.receiptsRead("eve", Events.ids(toEve, announcement), before));
        publisher.publish(Events.receiptsRead("bob", Events.ids(fromEve, announcement), before));

        try (PersistenceWorker worker = scope.startWorker(Map.of())) {
            Instant erasedAt = Instant.now();
            long erasure = publisher.publish(Events.userErased("eve", erasedAt));
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= erasure);

            assertErased(erasure);
            assertOthersIntact(toEve, bobInRoom, announcement);
            assertGone(eveSentEvent);
            assertGone(eveInRoomEvent);
            assertThat(jsm.getMessage(scope.stream(), toEveEvent).getSeq()).isEqualTo(toEveEvent);

            // Older events of eve come back: a message event published again (past the duplicate window), a
            // sighting, a read, a membership and a message to her, all stamped before the erasure.
            long again = publisher.publish(eveSent, fromEve + "-again");
            UUID lateToEve = Uuids.v7(before);
            publisher.publish(Events.messageAt(lateToEve, "bob", List.of("eve", "carol"), before));
            publisher.publish(Events.userSeen("eve", "EVE", before));
            publisher.publish(Events.receiptsRead("eve", Events.ids(toEve), before));
            long last = publisher.publish(RoomEvents.membersAdded(hosted, List.of("eve"), false, before));
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= last);

            assertErased(erasure);
            assertGone(again);
            assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.MESSAGE_ID.eq(lateToEve))).as("carol's receipt only")
                    .isEqualTo(1);

            // After the erasure eve may come back, as a new user.
            long back = publisher.publish(Events.userSeen("eve", "Eve again", erasedAt.plusSeconds(1)));
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= back);
            assertThat(dsl.fetchValue(USERS.NAME, USERS.ID.eq("eve"))).isEqualTo("Eve again");
            assertThat(worker.stats().failures()).isZero();
        }
    }

    @Test
    void erasingTwiceKeepsTheLaterTombstone() {
        publisher.publish(Events.userSeen("eve", "EVE", Instant.now().minusSeconds(5)));
        try (PersistenceWorker worker = scope.startWorker(Map.of())) {
            publisher.publish(Events.userErased("eve", Instant.now()));
            long second = publisher.publish(Events.userErased("eve", Instant.now()));
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= second);

            assertThat(dsl.fetchValue(ERASED_USERS.STREAM_SEQUENCE, ERASED_USERS.USER_ID.eq("eve"))).isEqualTo(second);
            assertThat(dsl.fetchCount(USERS)).isZero();
            assertThat(worker.stats().failures()).isZero();
        }
    }

    private void assertErased(long erasure) {
        assertThat(dsl.fetchCount(USERS, USERS.ID.eq("eve"))).isZero();
        assertThat(dsl.fetchCount(MESSAGES, MESSAGES.SENDER_ID.eq("eve"))).isZero();
        assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.RECEIVER_ID.eq("eve"))).isZero();
        assertThat(dsl.fetchCount(MESSAGE_MARKS, MESSAGE_MARKS.USER_ID.eq("eve"))).isZero();
        assertThat(dsl.fetchCount(ROOM_MEMBERS, ROOM_MEMBERS.USER_ID.eq("eve"))).isZero();
        assertThat(dsl.fetchCount(ROOMS, ROOMS.CREATOR_ID.eq("eve"))).isZero();
        assertThat(dsl.fetchValue(ERASED_USERS.STREAM_SEQUENCE, ERASED_USERS.USER_ID.eq("eve"))).isEqualTo(erasure);
    }

    private void assertOthersIntact(UUID toEve, UUID bobInRoom, UUID announcement) {
        assertThat(dsl.fetch(USERS).getValues(USERS.ID)).containsExactlyInAnyOrder("bob", "carol");
        assertThat(dsl.fetch(MESSAGES).getValues(MESSAGES.ID)).containsExactlyInAnyOrder(toEve, bobInRoom,
                announcement);
        assertThat(dsl.select(RECEIPTS.RECEIVER_ID).from(RECEIPTS).fetch(RECEIPTS.RECEIVER_ID))
                .as("bob's receipt of eve's message went with it").containsExactly("carol");
        assertThat(dsl.fetch(MESSAGE_MARKS).getValues(MESSAGE_MARKS.USER_ID)).containsExactly("bob");
        assertThat(dsl.fetchValue(ROOM_MEMBERS.OWNER, ROOM_MEMBERS.ROOM_ID.eq(shared).and(ROOM_MEMBERS.USER_ID.eq("bob"))))
                .as("the longest-standing member took over").isTrue();
        assertThat(dsl.fetchValue(ROOMS.MEMBER_COUNT, ROOMS.ID.eq(shared))).isEqualTo(1);
        assertThat(dsl.fetchValue(ROOMS.MEMBER_COUNT, ROOMS.ID.eq(hosted))).isEqualTo(1);
        assertThat(dsl.fetchValue(ROOMS.DELETED_AT, ROOMS.ID.eq(hosted))).isNull();
        assertThat(dsl.fetchValue(ROOMS.DELETED_AT, ROOMS.ID.eq(alone))).as("left empty").isNotNull();
    }

    private void assertGone(long sequence) {
        assertThatThrownBy(() -> jsm.getMessage(scope.stream(), sequence))
                .isInstanceOfSatisfying(JetStreamApiException.class,
                        e -> assertThat(e.getApiErrorCode()).isEqualTo(NO_MESSAGE_FOUND));
    }
}
