package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static dev.herald.schema.generated.Tables.PURGED_MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static dev.herald.schema.generated.Tables.ROOMS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.RoomEvents;
import dev.herald.worker.testing.Uuids;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Room messages and announcements: one messages row each and nothing per member; the room's latest message; a
 * message to a deleted room is dropped; a batch holding a room's creation, messages and leavings lands in order.
 */
class RoomMessagesIT {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");

    private final DSLContext dsl = db.dsl();
    private final BatchWriter writer = new BatchWriter(dsl);
    private final UUID room = UUID.randomUUID();

    @BeforeEach
    void aRoomOfAThousandMembers() {
        db.truncate();
        List<String> members = IntStream.range(0, 1_000).mapToObj(i -> "member-" + i).toList();
        writer.write(List.of(Events.sequenced(10, RoomEvents.roomCreated(room, "alice", members, T1))));
    }

    @ParameterizedTest(name = "by COPY: {0}")
    @ValueSource(booleans = {true, false})
    void aRoomMessageWritesOneRowAndMovesTheRoomsLatestMessage(boolean copy) {
        UUID message = Uuids.v7();
        Map<String, Integer> before = rowCounts();

        WriteResult result = new BatchWriter(dsl, copy).write(
                List.of(Events.sequenced(20, RoomEvents.roomMessage(message, "alice", room))));

        Map<String, Integer> after = rowCounts();
        assertThat(result).isEqualTo(new WriteResult(1, 0, 0, 1));
        assertThat(after.get("messages")).isEqualTo(before.get("messages") + 1);
        after.remove("messages");
        before.remove("messages");
        assertThat(after).as("no other table grows").isEqualTo(before);
        assertThat(dsl.fetchValue(MESSAGES.ROOM_ID, MESSAGES.ID.eq(message))).isEqualTo(room);
        assertThat(dsl.fetchValue(MESSAGES.ANNOUNCEMENT, MESSAGES.ID.eq(message))).isFalse();
        assertThat(dsl.fetchValue(MESSAGES.STREAM_SEQUENCE, MESSAGES.ID.eq(message))).isEqualTo(20);
        assertThat(lastMessageSequence()).isEqualTo(20);
    }

    @Test
    void theRoomsLatestMessageNeverMovesBack() {
        UUID later = Uuids.v7();
        UUID earlier = Uuids.v7();
        writer.write(List.of(Events.sequenced(30, RoomEvents.roomMessage(later, "alice", room)),
                Events.sequenced(20, RoomEvents.roomMessage(earlier, "bob", room))));

        WriteResult again = writer.write(List.of(Events.sequenced(20, RoomEvents.roomMessage(earlier, "bob", room))));

        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(lastMessageSequence()).isEqualTo(30);
    }

    @ParameterizedTest(name = "by COPY: {0}")
    @ValueSource(booleans = {true, false})
    void anAnnouncementWritesOneRowAndNoReceipts(boolean copy) {
        UUID announcement = Uuids.v7();
        Map<String, Integer> before = rowCounts();

        WriteResult result = new BatchWriter(dsl, copy).write(
                List.of(Events.sequenced(20, RoomEvents.announcement(announcement, "admin"))));

        Map<String, Integer> after = rowCounts();
        assertThat(result).isEqualTo(new WriteResult(1, 0, 0, 0));
        assertThat(after.get("messages")).isEqualTo(before.get("messages") + 1);
        after.remove("messages");
        before.remove("messages");
        assertThat(after).isEqualTo(before);
        assertThat(dsl.fetchValue(MESSAGES.ANNOUNCEMENT, MESSAGES.ID.eq(announcement))).isTrue();
        assertThat(dsl.fetchValue(MESSAGES.ROOM_ID, MESSAGES.ID.eq(announcement))).isNull();
    }

    @Test
    void aMessageToADeletedRoomIsDroppedAndItsEventDeleted() {
        writer.write(List.of(Events.sequenced(20, RoomEvents.roomDeleted(room, T1))));
        Map<String, Integer> before = rowCounts();

        UUID dropped = Uuids.v7();
        WriteResult result = writer.write(List.of(Events.sequenced(21, RoomEvents.roomMessage(dropped, "alice", room))));

        // The room's latest sequence moves and the message keeps a tombstone, as when it came before the deletion.
        assertThat(result).isEqualTo(new WriteResult(0, 0, 0, 1, Set.of(21L)));
        before.merge("purged_messages", 1, Integer::sum);
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(dsl.fetchValue(PURGED_MESSAGES.STREAM_SEQUENCE, PURGED_MESSAGES.ID.eq(dropped))).isEqualTo(21L);
        assertThat(lastMessageSequence()).isEqualTo(21);
    }

    @Test
    void aMessageToAnUnknownRoomIsStored() {
        UUID message = Uuids.v7();

        WriteResult result = writer.write(List.of(
                Events.sequenced(20, RoomEvents.roomMessage(message, "alice", UUID.randomUUID()))));

        assertThat(result.messagesInserted()).isEqualTo(1);
        assertThat(dsl.fetchExists(MESSAGES, MESSAGES.ID.eq(message))).isTrue();
    }

    @Test
    void aBatchWithARoomsCreationMessagesAndLeavingsLandsInStreamOrder() {
        UUID other = UUID.randomUUID();
        UUID first = Uuids.v7();
        UUID second = Uuids.v7();
        UUID afterEmpty = Uuids.v7();
        List<SequencedEvent> batch = List.of(
                Events.sequenced(25, RoomEvents.membersRemoved(other, List.of("dave"), T1)),
                Events.sequenced(21, RoomEvents.roomCreated(other, "carol", List.of("dave"), T1)),
                Events.sequenced(22, RoomEvents.roomMessage(first, "carol", other)),
                Events.sequenced(23, RoomEvents.roomMessage(second, "dave", other)),
                Events.sequenced(24, RoomEvents.membersRemoved(other, List.of("carol"), T1)),
                Events.sequenced(26, RoomEvents.roomMessage(afterEmpty, "dave", other)));

        WriteResult result = writer.write(batch);
        WriteResult again = writer.write(batch);

        assertThat(dsl.fetchValue(ROOMS.DELETED_AT, ROOMS.ID.eq(other))).as("left empty at 25").isNotNull();
        assertThat(dsl.fetchExists(MESSAGES, MESSAGES.ROOM_ID.eq(other))).isFalse();
        assertThat(dsl.select(PURGED_MESSAGES.ID).from(PURGED_MESSAGES).fetchSet(PURGED_MESSAGES.ID))
                .containsExactlyInAnyOrder(first, second, afterEmpty);
        assertThat(result.purgedEventSequences()).containsExactlyInAnyOrder(22L, 23L, 26L);
        assertThat(again.purgedEventSequences()).as("dropped again, their events named again")
                .containsExactlyInAnyOrder(22L, 23L, 26L);
        assertThat(again.messagesInserted()).isZero();
        assertThat(again.rowsUpdated()).isZero();
        assertThat(dsl.select(ROOM_MEMBERS.USER_ID, ROOM_MEMBERS.LEFT_SEQUENCE).from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.ROOM_ID.eq(other)).orderBy(ROOM_MEMBERS.USER_ID).fetch().intoMaps())
                .containsExactly(Map.of("user_id", "carol", "left_sequence", 24L),
                        Map.of("user_id", "dave", "left_sequence", 25L));
        assertThat(dsl.fetchValue(ROOM_MEMBERS.OWNER, ROOM_MEMBERS.ROOM_ID.eq(other)
                .and(ROOM_MEMBERS.USER_ID.eq("dave")))).as("owner from 24 until he left at 25").isFalse();
    }

    @Test
    void aRecallHidesARoomMessageWithoutReceipts() {
        UUID message = Uuids.v7();
        writer.write(List.of(Events.sequenced(20, RoomEvents.roomMessage(message, "alice", room))));

        WriteResult result = writer.write(List.of(
                Events.sequenced(21, Events.messagesRecalled("alice", Events.ids(message), T1))));

        assertThat(result.rowsUpdated()).isEqualTo(1);
        assertThat(dsl.fetchValue(MESSAGES.RECALLED_AT, MESSAGES.ID.eq(message))).isNotNull();
        assertThat(dsl.fetchCount(RECEIPTS)).isZero();
        assertThat(dsl.fetchCount(MESSAGE_MARKS)).isZero();
    }

    private long lastMessageSequence() {
        return dsl.fetchValue(ROOMS.LAST_MESSAGE_SEQUENCE, ROOMS.ID.eq(room));
    }

    /** The number of rows of every table of the schema, by table name. */
    private Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String table : dsl.fetchValues("select table_name from information_schema.tables "
                + "where table_schema = current_schema() and table_type = 'BASE TABLE'").stream()
                .map(String::valueOf).toList()) {
            counts.put(table, dsl.fetchCount(DSL.table(DSL.name(table))));
        }
        assertThat(counts).containsKeys("messages", "receipts", "room_members", "rooms", "message_marks", "users");
        return counts;
    }
}
