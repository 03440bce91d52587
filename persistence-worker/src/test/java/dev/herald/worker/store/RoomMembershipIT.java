package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.herald.schema.generated.tables.records.RoomMembersRecord;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.RoomEvents;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RoomMembersAdded and RoomMembersRemoved: membership windows, owners, the member count, redeliveries. */
class RoomMembershipIT {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T1.plusSeconds(120);

    private final DSLContext dsl = db.dsl();
    private final BatchWriter writer = new BatchWriter(dsl);
    private final UUID room = UUID.randomUUID();

    @BeforeEach
    void aliceCreatesARoomWithBob() {
        db.truncate();
        writer.write(List.of(Events.sequenced(10, RoomEvents.roomCreated(room, "alice", List.of("bob"), T1))));
    }

    @Test
    void addedUsersJoinAtTheEventsSequenceAndCurrentMembersStayAsTheyAre() {
        List<SequencedEvent> added = List.of(
                Events.sequenced(20, RoomEvents.membersAdded(room, List.of("bob", "carol", "dave"), false, T2)));

        WriteResult first = writer.write(added);
        WriteResult again = writer.write(added);

        assertThat(first.rowsUpdated()).isEqualTo(2);
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(members()).extracting(RoomMembersRecord::getUserId, RoomMembersRecord::getJoinedSequence,
                        RoomMembersRecord::getReadSequence, RoomMembersRecord::getOwner)
                .containsExactly(tuple("alice", 10L, 10L, true), tuple("bob", 10L, 10L, false),
                        tuple("carol", 20L, 20L, false), tuple("dave", 20L, 20L, false));
        assertThat(member("carol").getJoinedAt()).isEqualTo(at(T2));
        assertThat(memberCount()).isEqualTo(4);
    }

    @Test
    void aMemberWhoLeftAndIsAddedAgainStartsANewWindow() {
        writer.write(List.of(Events.sequenced(11, RoomEvents.membersRemoved(room, List.of("bob"), T2))));
        assertThat(member("bob").getLeftSequence()).isEqualTo(11);
        assertThat(member("bob").getLeftAt()).isEqualTo(at(T2));
        assertThat(memberCount()).isEqualTo(1);

        List<SequencedEvent> rejoined = List.of(
                Events.sequenced(15, RoomEvents.membersAdded(room, List.of("bob"), false, T3)));
        WriteResult first = writer.write(rejoined);
        WriteResult again = writer.write(rejoined);

        assertThat(first.rowsUpdated()).isEqualTo(1);
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        RoomMembersRecord bob = member("bob");
        assertThat(bob.getJoinedSequence()).isEqualTo(15);
        assertThat(bob.getJoinedAt()).isEqualTo(at(T3));
        assertThat(bob.getReadSequence()).isEqualTo(15);
        assertThat(bob.getLeftSequence()).isNull();
        assertThat(bob.getLeftAt()).isNull();
        assertThat(memberCount()).isEqualTo(2);
    }

    @Test
    void aRedeliveredAddDoesNotReopenAWindowClosedAfterIt() {
        SequencedEvent added = Events.sequenced(20, RoomEvents.membersAdded(room, List.of("carol"), false, T2));
        writer.write(List.of(added, Events.sequenced(21, RoomEvents.membersRemoved(room, List.of("carol"), T3))));
        RoomMembersRecord before = member("carol");

        WriteResult again = writer.write(List.of(added));

        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(member("carol")).isEqualTo(before);
        assertThat(before.getLeftSequence()).isEqualTo(21);
        assertThat(memberCount()).isEqualTo(2);
    }

    @Test
    void addingOwnersMakesCurrentAndNewMembersOwnersOnce() {
        List<SequencedEvent> owners = List.of(
                Events.sequenced(20, RoomEvents.membersAdded(room, List.of("bob", "carol"), true, T2)));

        WriteResult first = writer.write(owners);
        WriteResult again = writer.write(owners);

        assertThat(first.rowsUpdated()).as("carol added, bob made owner").isEqualTo(2);
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(members()).extracting(RoomMembersRecord::getUserId, RoomMembersRecord::getOwner,
                        RoomMembersRecord::getOwnerSince, RoomMembersRecord::getJoinedSequence)
                .containsExactly(tuple("alice", true, 10L, 10L), tuple("bob", true, 20L, 10L),
                        tuple("carol", true, 20L, 20L));
        assertThat(memberCount()).isEqualTo(3);
    }

    @Test
    void whenTheLastOwnerLeavesTheLongestStandingMemberBecomesOwner() {
        writer.write(List.of(
                Events.sequenced(20, RoomEvents.membersAdded(room, List.of("aaron"), false, T2)),
                Events.sequenced(21, RoomEvents.membersAdded(room, List.of("carol"), false, T2))));
        List<SequencedEvent> aliceLeaves = List.of(
                Events.sequenced(30, RoomEvents.membersRemoved(room, List.of("alice"), T3)));

        WriteResult first = writer.write(aliceLeaves);
        WriteResult again = writer.write(aliceLeaves);

        assertThat(first.rowsUpdated()).as("alice left, bob owner").isEqualTo(2);
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(members()).extracting(RoomMembersRecord::getUserId, RoomMembersRecord::getOwner,
                        RoomMembersRecord::getOwnerSince, RoomMembersRecord::getLeftSequence)
                .containsExactly(tuple("aaron", false, null, null), tuple("alice", false, null, 30L),
                        tuple("bob", true, 30L, null), tuple("carol", false, null, null));
        assertThat(memberCount()).isEqualTo(3);
    }

    @Test
    void amongMembersWhoJoinedTogetherTheSmallestUserIdBecomesOwner() {
        writer.write(List.of(Events.sequenced(20, RoomEvents.membersAdded(room, List.of("zed", "carl"), false, T2))));

        writer.write(List.of(Events.sequenced(30, RoomEvents.membersRemoved(room, List.of("alice", "bob"), T3))));

        assertThat(member("carl").getOwner()).isTrue();
        assertThat(member("zed").getOwner()).isFalse();

        writer.write(List.of(Events.sequenced(40, RoomEvents.membersAdded(room, List.of("bob"), false, T3)),
                Events.sequenced(41, RoomEvents.membersRemoved(room, List.of("carl"), T3))));

        assertThat(member("zed").getOwner()).as("joined at 20, before bob's new window at 40").isTrue();
        assertThat(member("zed").getOwnerSince()).isEqualTo(41);
        assertThat(member("bob").getOwner()).isFalse();
    }

    @Test
    void anOwnerLeavingWhileAnotherOwnerStaysHandsNothingOver() {
        writer.write(List.of(Events.sequenced(20, RoomEvents.membersAdded(room, List.of("carol"), true, T2))));

        writer.write(List.of(Events.sequenced(30, RoomEvents.membersRemoved(room, List.of("alice"), T3))));

        assertThat(member("bob").getOwner()).isFalse();
        assertThat(member("carol").getOwner()).isTrue();
    }

    @Test
    void aRoomLeftEmptyIsDeleted() {
        List<SequencedEvent> everyoneLeaves = List.of(
                Events.sequenced(30, RoomEvents.membersRemoved(room, List.of("alice", "bob"), T3)));

        WriteResult first = writer.write(everyoneLeaves);
        WriteResult again = writer.write(everyoneLeaves);

        assertThat(first.rowsUpdated()).as("two members left, the room deleted").isEqualTo(3);
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(dsl.fetchValue(ROOMS.DELETED_AT, ROOMS.ID.eq(room))).isEqualTo(at(T3));
        assertThat(memberCount()).isZero();
    }

    @Test
    void aDeletedRoomGetsNoMembersBack() {
        writer.write(List.of(Events.sequenced(30, RoomEvents.roomDeleted(room, T2))));
        List<RoomMembersRecord> before = members();

        WriteResult result = writer.write(List.of(
                Events.sequenced(31, RoomEvents.membersAdded(room, List.of("carol", "bob"), true, T3)),
                Events.sequenced(32, RoomEvents.membersRemoved(room, List.of("alice"), T3))));

        assertThat(result).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(members()).isEqualTo(before);
    }

    @Test
    void removingSomeoneWhoIsNotAMemberChangesNothing() {
        WriteResult result = writer.write(List.of(
                Events.sequenced(30, RoomEvents.membersRemoved(room, List.of("mallory"), T3))));

        assertThat(result).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(memberCount()).isEqualTo(2);
    }

    private List<RoomMembersRecord> members() {
        return dsl.selectFrom(ROOM_MEMBERS).where(ROOM_MEMBERS.ROOM_ID.eq(room)).orderBy(ROOM_MEMBERS.USER_ID)
                .fetch();
    }

    private RoomMembersRecord member(String userId) {
        return dsl.fetchSingle(ROOM_MEMBERS, ROOM_MEMBERS.ROOM_ID.eq(room), ROOM_MEMBERS.USER_ID.eq(userId));
    }

    private int memberCount() {
        return dsl.fetchValue(ROOMS.MEMBER_COUNT, ROOMS.ID.eq(room));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
