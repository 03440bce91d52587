package dev.herald.worker.store;

import static dev.herald.worker.testing.Events.ids;
import static dev.herald.worker.testing.Events.sequenced;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.schema.generated.Tables;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.RoomEvents;
import dev.herald.worker.testing.Uuids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several workers on one durable consumer commit their batches in any order, and a batch can be written again after
 * a later one committed. For small sets of events of the same message, room or user, every order of applying them
 * (one batch each) ends in exactly the rows that applying them in stream order does, pending tables included.
 */
class OutOfOrderWritesIT {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T1.plusSeconds(120);
    private static final Instant T4 = T1.plusSeconds(180);

    private static final List<Table<?>> TABLES = List.of(Tables.USERS, Tables.MESSAGES, Tables.RECEIPTS,
            Tables.PURGED_MESSAGES, Tables.ROOMS, Tables.ROOM_MEMBERS, Tables.MESSAGE_MARKS, Tables.PENDING_MARKS,
            Tables.PENDING_LAST_SEEN);

    private final BatchWriter copying = new BatchWriter(db.dsl(), true);
    private final BatchWriter inserting = new BatchWriter(db.dsl(), false);

    @Test
    void aMessageItsReadDeletesAndRecallInEveryOrder() {
        UUID m = Uuids.v7();
        assertEveryOrderEndsAsStreamOrder(List.of(), List.of(
                sequenced(1, Events.message(m, "alice", List.of("bob", "carol"))),
                sequenced(2, Events.receiptsRead("bob", ids(m), T1)),
                sequenced(3, Events.receiptsDeleted("carol", ids(m), T2)),
                sequenced(4, Events.sentDeleted("alice", ids(m), T3)),
                sequenced(5, Events.messagesRecalled("alice", ids(m), T4))));
    }

    @Test
    void aPurgeBeforeTheInsertAndALateRedeliveryAfterThePurge() {
        UUID m = Uuids.v7();
        UUID other = Uuids.v7();
        SequencedEvent message = sequenced(1, Events.message(m, "alice", List.of("bob")));
        assertEveryOrderEndsAsStreamOrder(List.of(), List.of(
                message,
                sequenced(2, Events.message(other, "alice", List.of("bob"))),
                sequenced(3, Events.receiptsRead("bob", ids(m, other), T1)),
                sequenced(4, Events.messagesPurged(ids(m))),
                message)); // redelivered: its first ack was lost
    }

    @Test
    void aRoomMessageItsReadPositionMarksAndALeaveInEveryOrder() {
        UUID room = Uuids.v7();
        UUID m = Uuids.v7();
        UUID announcement = Uuids.v7();
        assertEveryOrderEndsAsStreamOrder(
                List.of(sequenced(1, RoomEvents.roomCreated(room, "alice", List.of("bob", "carol"), T1))),
                List.of(
                        sequenced(2, RoomEvents.roomMessage(m, "alice", room)),
                        sequenced(3, RoomEvents.announcement(announcement, "admin")),
                        sequenced(4, RoomEvents.roomRead(room, "bob", m, T2)),
                        sequenced(5, Events.receiptsDeleted("carol", ids(m, announcement), T3)),
                        sequenced(6, RoomEvents.membersRemoved(room, List.of("bob"), T4))));
    }

    @Test
    void aRoomDeletedBeforeOrAfterItsMessages() {
        UUID room = Uuids.v7();
        UUID before = Uuids.v7();
        UUID after = Uuids.v7();
        assertEveryOrderEndsAsStreamOrder(
                List.of(sequenced(1, RoomEvents.roomCreated(room, "alice", List.of("bob"), T1))),
                List.of(
                        sequenced(2, RoomEvents.roomMessage(before, "alice", room)),
                        sequenced(3, Events.receiptsDeleted("bob", ids(before), T2)),
                        sequenced(4, RoomEvents.roomDeleted(room, T3)),
                        sequenced(5, RoomEvents.roomMessage(after, "bob", room))));
    }

    @Test
    void aUsersSightingsProvisioningAndLastSeenInEveryOrder() {
        assertEveryOrderEndsAsStreamOrder(List.of(), List.of(
                sequenced(1, Events.usersProvisioned(Map.of("dave", "Dave"), T1)),
                sequenced(2, RoomEvents.lastSeen("erin", T1)),
                sequenced(3, Events.userSeen("erin", "Erin", T1)),
                sequenced(4, Events.userSeen("dave", "David", T2)),
                sequenced(5, RoomEvents.lastSeen("dave", T3))));
    }

    /**
     * Writes {@code setup} then {@code events} in stream order, one batch each, and records the rows; then, for
     * every order of {@code events} (alternately by COPY and by inserts), writes them again on empty tables and
     * compares. Each order also ends with its first batch written again (a redelivery after later commits).
     */
    private void assertEveryOrderEndsAsStreamOrder(List<SequencedEvent> setup, List<SequencedEvent> events) {
        Map<String, List<String>> expected = apply(copying, setup, events);
        int n = 0;
        for (List<SequencedEvent> order : permutations(events)) {
            List<SequencedEvent> withRedelivery = new ArrayList<>(order);
            withRedelivery.add(order.getFirst());
            Map<String, List<String>> actual = apply(n++ % 2 == 0 ? inserting : copying, setup, withRedelivery);
            assertThat(actual).as("rows after applying sequences %s", sequences(withRedelivery)).isEqualTo(expected);
        }
        assertThat(n).isGreaterThan(1);
    }

    private static Map<String, List<String>> apply(BatchWriter writer, List<SequencedEvent> setup,
            List<SequencedEvent> events) {
        clear();
        if (!setup.isEmpty()) {
            writer.write(setup);
        }
        for (SequencedEvent event : events) {
            writer.write(List.of(event));
        }
        return rows();
    }

    /** Empties the tables: deletes are much cheaper than a truncate for the few rows each order leaves. */
    private static void clear() {
        db.dsl().execute(TABLES.stream().map(t -> "delete from " + t.getName()).collect(Collectors.joining("; ")));
    }

    /** Every table the worker writes, each row as text, sorted; without the tombstones' wall-clock time. */
    private static Map<String, List<String>> rows() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (Table<?> table : TABLES) {
            List<String> rows = new ArrayList<>();
            for (Record row : db.dsl().selectFrom(table).fetch()) {
                StringBuilder text = new StringBuilder();
                for (Field<?> field : row.fields()) {
                    if (!field.equals(Tables.PURGED_MESSAGES.PURGED_AT)) {
                        text.append(field.getName()).append('=').append(row.get(field)).append(' ');
                    }
                }
                rows.add(text.toString());
            }
            rows.sort(null);
            tables.put(table.getName(), rows);
        }
        return tables;
    }

    private static List<List<SequencedEvent>> permutations(List<SequencedEvent> events) {
        if (events.size() <= 1) {
            return List.of(events);
        }
        List<List<SequencedEvent>> all = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            List<SequencedEvent> rest = new ArrayList<>(events);
            SequencedEvent first = rest.remove(i);
            for (List<SequencedEvent> tail : permutations(rest)) {
                List<SequencedEvent> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }

    private static List<Long> sequences(List<SequencedEvent> events) {
        return events.stream().map(SequencedEvent::streamSequence).toList();
    }
}
