package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.herald.schema.generated.tables.records.RoomMembersRecord;
import dev.herald.schema.generated.tables.records.RoomsRecord;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.RoomEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RoomCreated: the room row, its creator as owner and its members, in a few statements however many members. */
class RoomCreationIT {

    private static final Logger logger = LoggerFactory.getLogger(RoomCreationIT.class);

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");

    private final DSLContext dsl = db.dsl();
    private final BatchWriter writer = new BatchWriter(dsl);
    private final UUID room = UUID.randomUUID();

    @BeforeEach
    void empty() {
        db.truncate();
    }

    @Test
    void aCreationStoresTheRoomItsOwnerAndItsMembersJoinedAtItsSequence() {
        WriteResult result = writer.write(List.of(
                Events.sequenced(7, RoomEvents.roomCreated(room, "alice", List.of("bob", "carol", "alice", "bob"),
                        T1))));

        assertThat(result.rowsUpdated()).as("the room and three members").isEqualTo(4);
        RoomsRecord stored = dsl.fetchSingle(ROOMS, ROOMS.ID.eq(room));
        assertThat(stored.getName()).isEqualTo("room " + room);
        assertThat(stored.getTopic()).isEqualTo("a topic");
        assertThat(stored.getPublic()).isTrue();
        assertThat(stored.getCreatorId()).isEqualTo("alice");
        assertThat(stored.getCreatedAt()).isEqualTo(at(T1));
        assertThat(stored.getUpdatedAt()).isEqualTo(at(T1));
        assertThat(stored.getStreamSequence()).isEqualTo(7);
        assertThat(stored.getMemberCount()).isEqualTo(3);
        assertThat(stored.getLastMessageSequence()).isZero();
        assertThat(stored.getDeletedAt()).isNull();
        assertThat(members()).extracting(RoomMembersRecord::getUserId, RoomMembersRecord::getOwner,
                        RoomMembersRecord::getOwnerSince, RoomMembersRecord::getJoinedSequence,
                        RoomMembersRecord::getReadSequence, RoomMembersRecord::getLeftSequence)
                .containsExactly(
                        tuple("alice", true, 7L, 7L, 7L, null),
                        tuple("bob", false, null, 7L, 7L, null),
                        tuple("carol", false, null, 7L, 7L, null));
        assertThat(members()).extracting(RoomMembersRecord::getJoinedAt).containsOnly(at(T1));
    }

    @Test
    void aRedeliveredCreationChangesNothingEvenAfterAMemberLeft() {
        SequencedEvent created = Events.sequenced(7, RoomEvents.roomCreated(room, "alice", List.of("bob"), T1));
        writer.write(List.of(created));
        writer.write(List.of(Events.sequenced(9, RoomEvents.membersRemoved(room, List.of("bob"), T1))));
        List<RoomMembersRecord> before = members();
        RoomsRecord roomBefore = dsl.fetchSingle(ROOMS, ROOMS.ID.eq(room));

        WriteResult again = writer.write(List.of(created));
        WriteResult byInserts = new BatchWriter(dsl, false).write(List.of(created));

        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(byInserts).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(members()).isEqualTo(before);
        assertThat(dsl.fetchSingle(ROOMS, ROOMS.ID.eq(room))).isEqualTo(roomBefore);
    }

    @Test
    void aTenThousandMemberCreationIsWrittenInOneBatchWithAFewStatements() {
        List<String> members = IntStream.range(0, 10_000).mapToObj(i -> "member-" + i).toList();
        SequencedEvent created = Events.sequenced(3, RoomEvents.roomCreated(room, "alice", members, T1));
        List<String> statements = new CopyOnWriteArrayList<>();
        DSLContext counting = dsl.configuration().derive(new DefaultExecuteListenerProvider(
                ExecuteListener.onExecuteStart(context -> statements.add(String.valueOf(context.sql()))))).dsl();

        long started = System.nanoTime();
        WriteResult result = new BatchWriter(counting).write(List.of(created));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        logger.atInfo().addKeyValue("members", 10_001).addKeyValue("millis", took.toMillis())
                .log("stored a 10,000-member RoomCreated");

        assertThat(result.rowsUpdated()).isEqualTo(1 + 10_001);
        assertThat(statements).as("the erased-users lookup of the batch's users, one insert of the room, one of its"
                + " members").hasSize(3);
        assertThat(dsl.fetchCount(ROOM_MEMBERS, ROOM_MEMBERS.ROOM_ID.eq(room))).isEqualTo(10_001);
        assertThat(dsl.fetchValue(ROOMS.MEMBER_COUNT, ROOMS.ID.eq(room))).isEqualTo(10_001);
        assertThat(took).as("10,001 members in one batch").isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDeletedRoomIsNotCreatedAgainByARedeliveredCreation() {
        SequencedEvent created = Events.sequenced(1, RoomEvents.roomCreated(room, "alice", List.of("bob"), T1));
        writer.write(List.of(created, Events.sequenced(2, RoomEvents.roomDeleted(room, T1))));
        List<RoomMembersRecord> before = members();

        WriteResult again = writer.write(List.of(created));

        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(dsl.fetchValue(ROOMS.DELETED_AT, ROOMS.ID.eq(room))).isEqualTo(at(T1));
        assertThat(members()).isEqualTo(before);
    }

    private List<RoomMembersRecord> members() {
        return dsl.selectFrom(ROOM_MEMBERS).where(ROOM_MEMBERS.ROOM_ID.eq(room)).orderBy(ROOM_MEMBERS.USER_ID)
                .fetch();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
