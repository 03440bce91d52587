package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static dev.herald.schema.generated.Tables.PURGED_MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.schema.generated.tables.records.RoomsRecord;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.RoomEvents;
import dev.herald.worker.testing.Uuids;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RoomUpdated, RoomRead, RoomDeleted, and marks on room messages and announcements. */
class RoomUpdatesIT {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T1.plusSeconds(120);

    private final DSLContext dsl = db.dsl();
    private final BatchWriter writer = new BatchWriter(dsl);
    private final UUID room = UUID.randomUUID();
    private final UUID first = Uuids.v7();
    private final UUID second = Uuids.v7();
    private final UUID announcement = Uuids.v7();
    private final UUID direct = Uuids.v7();

    @BeforeEach
    void aRoomWithTwoMessagesAnAnnouncementAndADirectMessage() {
        db.truncate();
        writer.write(List.of(
                Events.sequenced(10, RoomEvents.roomCreated(room, "alice", List.of("bob"), T1)),
                Events.sequenced(11, RoomEvents.roomMessage(first, "alice", room)),
                Events.sequenced(12, RoomEvents.roomMessage(second, "alice", room)),
                Events.sequenced(13, RoomEvents.announcement(announcement, "admin")),
                Events.sequenced(14, Events.message(direct, "alice", List.of("bob")))));
    }

    @Test
    void aRenameAndANewTopicApplyOnceAndAnOlderUpdateDoesNotUndoALaterOne() {
        SequencedEvent renamed = Events.sequenced(20, RoomEvents.roomUpdated(room, "new name", null, T2));
        SequencedEvent newTopic = Events.sequenced(21, RoomEvents.roomUpdated(room, null, "new topic", T3));

        WriteResult first = writer.write(List.of(renamed, newTopic));
        WriteResult again = writer.write(List.of(renamed));
        WriteResult olderRename = writer.write(List.of(
                Events.sequenced(22, RoomEvents.roomUpdated(room, "stale", null, T1))));

        assertThat(first.rowsUpdated()).isEqualTo(2);
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(olderRename).isEqualTo(new WriteResult(0, 0, 0, 0));
        RoomsRecord stored = dsl.fetchSingle(ROOMS, ROOMS.ID.eq(room));
        assertThat(stored.getName()).isEqualTo("new name");
        assertThat(stored.getTopic()).isEqualTo("new topic");
        assertThat(stored.getUpdatedAt()).isEqualTo(at(T3));
    }

    @Test
    void aReadMovesTheMembersPositionForwardOnly() {
        WriteResult read = writer.write(List.of(Events.sequenced(20, RoomEvents.roomRead(room, "bob", second, T2))));
        WriteResult again = writer.write(List.of(Events.sequenced(20, RoomEvents.roomRead(room, "bob", second, T2))));
        WriteResult back = writer.write(List.of(Events.sequenced(21, RoomEvents.roomRead(room, "bob", first, T3))));

        assertThat(read.rowsUpdated()).isEqualTo(1);
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(back).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(readSequence("bob")).isEqualTo(12);
        assertThat(readSequence("alice")).isEqualTo(10);
    }

    @Test
    void aReadOfAnotherRoomsMessageOrByAnOutsiderOrAFormerMemberChangesNothing() {
        UUID elsewhere = UUID.randomUUID();
        UUID otherMessage = Uuids.v7();
        writer.write(List.of(
                Events.sequenced(20, RoomEvents.roomCreated(elsewhere, "carol", List.of("bob"), T1)),
                Events.sequenced(21, RoomEvents.roomMessage(otherMessage, "carol", elsewhere)),
                Events.sequenced(22, RoomEvents.membersRemoved(room, List.of("alice"), T1))));

        WriteResult result = writer.write(List.of(
                Events.sequenced(30, RoomEvents.roomRead(room, "bob", otherMessage, T2)),
                Events.sequenced(31, RoomEvents.roomRead(room, "mallory", second, T2)),
                Events.sequenced(32, RoomEvents.roomRead(room, "alice", second, T2)),
                Events.sequenced(33, RoomEvents.roomRead(room, "bob", direct, T2))));

        assertThat(result).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(readSequence("bob")).isEqualTo(10);
        assertThat(readSequence("alice")).isEqualTo(10);
    }

    @Test
    void readsAndDeletesOfRoomMessagesAndAnnouncementsAreMarksAndDirectMessagesKeepReceipts() {
        List<SequencedEvent> marks = List.of(
                Events.sequenced(20, Events.receiptsRead("bob", Events.ids(announcement, direct), T2)),
                Events.sequenced(21, Events.receiptsDeleted("bob", Events.ids(first, announcement), T3)));

        WriteResult result = writer.write(marks);
        WriteResult again = writer.write(marks);
        writer.write(List.of(Events.sequenced(22, Events.receiptsRead("bob", Events.ids(announcement), T3))));

        assertThat(result.rowsUpdated()).as("announcement read, direct receipt read, two deletes").isEqualTo(4);
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(dsl.select(MESSAGE_MARKS.MESSAGE_ID, MESSAGE_MARKS.READ_AT, MESSAGE_MARKS.DELETED_AT)
                .from(MESSAGE_MARKS).where(MESSAGE_MARKS.USER_ID.eq("bob")).fetchSet(r -> List.of(
                        r.value1(), String.valueOf(r.value2()), String.valueOf(r.value3()))))
                .containsExactlyInAnyOrder(
                        List.of(announcement, String.valueOf(at(T2)), String.valueOf(at(T3))),
                        List.of(first, "null", String.valueOf(at(T3))));
        assertThat(dsl.fetchValue(RECEIPTS.READ_AT, RECEIPTS.MESSAGE_ID.eq(direct))).isEqualTo(at(T2));
        assertThat(dsl.fetchCount(MESSAGE_MARKS, MESSAGE_MARKS.MESSAGE_ID.eq(direct))).isZero();
    }

    @Test
    void aDeletedRoomKeepsItsRowAndLosesItsMessagesAndTheirMarksForGood() {
        writer.write(List.of(Events.sequenced(20, Events.receiptsDeleted("bob", Events.ids(first), T2))));
        List<SequencedEvent> deleted = List.of(Events.sequenced(30, RoomEvents.roomDeleted(room, T3)));

        WriteResult result = writer.write(deleted);
        WriteResult again = writer.write(deleted);

        assertThat(result.rowsUpdated()).as("the room, a mark, two messages").isEqualTo(4);
        assertThat(result.purgedEventSequences()).containsExactlyInAnyOrder(11L, 12L);
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(dsl.fetchValue(ROOMS.DELETED_AT, ROOMS.ID.eq(room))).isEqualTo(at(T3));
        assertThat(dsl.fetchCount(ROOM_MEMBERS, ROOM_MEMBERS.ROOM_ID.eq(room))).isEqualTo(2);
        assertThat(dsl.select(MESSAGES.ID).from(MESSAGES).fetchSet(MESSAGES.ID))
                .containsExactlyInAnyOrder(announcement, direct);
        assertThat(dsl.fetchCount(MESSAGE_MARKS)).isZero();
        assertThat(dsl.select(PURGED_MESSAGES.ID).from(PURGED_MESSAGES).fetchSet(PURGED_MESSAGES.ID))
                .containsExactlyInAnyOrder(first, second);

        WriteResult redelivered = writer.write(List.of(
                Events.sequenced(10, RoomEvents.roomCreated(room, "alice", List.of("bob"), T1)),
                Events.sequenced(11, RoomEvents.roomMessage(first, "alice", room)),
                Events.sequenced(15, RoomEvents.membersAdded(room, List.of("carol"), false, T1))));
        assertThat(redelivered).isEqualTo(new WriteResult(0, 0, 0, 0, Set.of(11L)));
        assertThat(dsl.fetchCount(MESSAGES, MESSAGES.ROOM_ID.eq(room))).isZero();
        assertThat(dsl.fetchCount(ROOM_MEMBERS, ROOM_MEMBERS.ROOM_ID.eq(room))).isEqualTo(2);
    }

    @Test
    void anAdminPurgeDeletesTheMarksOfThePurgedMessages() {
        writer.write(List.of(Events.sequenced(20, Events.receiptsRead("bob", Events.ids(announcement), T2)),
                Events.sequenced(21, Events.receiptsDeleted("carol", Events.ids(announcement, first), T2))));

        WriteResult result = writer.write(List.of(
                Events.sequenced(30, Events.messagesPurged(Events.ids(announcement)))));

        assertThat(result.rowsUpdated()).as("two marks, the message").isEqualTo(3);
        assertThat(dsl.select(MESSAGE_MARKS.MESSAGE_ID).from(MESSAGE_MARKS).fetch(MESSAGE_MARKS.MESSAGE_ID))
                .containsExactly(first);
    }

    private long readSequence(String userId) {
        return dsl.fetchValue(ROOM_MEMBERS.READ_SEQUENCE, ROOM_MEMBERS.ROOM_ID.eq(room)
                .and(ROOM_MEMBERS.USER_ID.eq(userId)));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
