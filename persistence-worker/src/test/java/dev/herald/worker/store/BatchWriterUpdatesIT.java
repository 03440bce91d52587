package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static dev.herald.schema.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.Uuids;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The updates (read, delete, recall, purge) and provisionings, applied after a batch's inserts. */
class BatchWriterUpdatesIT {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T1.plusSeconds(120);

    private final BatchWriter writer = new BatchWriter(db.dsl());
    private final DSLContext dsl = db.dsl();
    private final UUID a = Uuids.v7();
    private final UUID b = Uuids.v7();

    @BeforeEach
    void twoMessagesFromAliceToBobAndCarol() {
        db.truncate();
        writer.write(List.of(
                Events.sequenced(1, Events.message(a, "alice", List.of("bob", "carol"))),
                Events.sequenced(2, Events.message(b, "alice", List.of("bob", "carol")))));
    }

    @Test
    void aReadMarksTheReceiversReceiptsAndKeepsTheFirstReadTime() {
        List<SequencedEvent> read = List.of(Events.sequenced(3, Events.receiptsRead("bob", Events.ids(a, b), T1)));

        WriteResult first = writer.write(read);
        WriteResult again = writer.write(read);
        WriteResult later = writer.write(List.of(Events.sequenced(4, Events.receiptsRead("bob", Events.ids(a), T2))));

        assertThat(first.rowsUpdated()).isEqualTo(2);
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(later.rowsUpdated()).isZero();
        assertThat(readAt("bob", a)).isEqualTo(at(T1));
        assertThat(readAt("bob", b)).isEqualTo(at(T1));
        assertThat(readAt("carol", a)).isNull();
        assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.DELETED_AT.isNotNull())).isZero();
    }

    @Test
    void aMessageAndItsReadInOneBatchBothLand() {
        UUID c = Uuids.v7();
        List<SequencedEvent> batch = List.of(
                Events.sequenced(12, Events.receiptsRead("dave", Events.ids(c), T1)),
                Events.sequenced(10, Events.message(c, "alice", List.of("dave", "erin"))));

        WriteResult first = writer.write(batch);
        WriteResult again = writer.write(batch);

        assertThat(first).isEqualTo(new WriteResult(1, 2, 0, 1));
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(readAt("dave", c)).isEqualTo(at(T1));
        assertThat(readAt("erin", c)).isNull();
    }

    @Test
    void idsThatAreNotUuidsAreSkippedAndTheRestApplied() {
        WriteResult result = writer.write(List.of(Events.sequenced(3,
                Events.receiptsRead("bob", List.of("not-a-uuid", a.toString(), "0190-zz"), T1))));

        assertThat(result.rowsUpdated()).isEqualTo(1);
        assertThat(readAt("bob", a)).isEqualTo(at(T1));
        assertThat(readAt("bob", b)).isNull();
    }

    @Test
    void aReceiverDeletesOnlyItsOwnReceiptsOnce() {
        List<SequencedEvent> deleted = List.of(
                Events.sequenced(3, Events.receiptsDeleted("bob", Events.ids(a), T1)));

        WriteResult first = writer.write(deleted);
        WriteResult again = writer.write(deleted);
        writer.write(List.of(Events.sequenced(4, Events.receiptsDeleted("bob", Events.ids(a), T2))));

        assertThat(first.rowsUpdated()).isEqualTo(1);
        assertThat(again.rowsUpdated()).isZero();
        assertThat(deletedAt("bob", a)).isEqualTo(at(T1));
        assertThat(deletedAt("bob", b)).isNull();
        assertThat(deletedAt("carol", a)).isNull();
        assertThat(dsl.fetchCount(MESSAGES)).isEqualTo(2);
    }

    @Test
    void aSenderDeletesOnlyItsOwnMessagesOnceAndReceiversKeepThem() {
        UUID bobs = Uuids.v7();
        writer.write(List.of(Events.sequenced(3, Events.message(bobs, "bob", List.of("carol")))));
        List<SequencedEvent> deleted = List.of(
                Events.sequenced(4, Events.sentDeleted("alice", Events.ids(a, bobs), T1)));

        WriteResult first = writer.write(deleted);
        WriteResult again = writer.write(deleted);
        writer.write(List.of(Events.sequenced(5, Events.sentDeleted("alice", Events.ids(a), T2))));

        assertThat(first.rowsUpdated()).isEqualTo(1);
        assertThat(again.rowsUpdated()).isZero();
        assertThat(dsl.fetchValue(MESSAGES.SENDER_DELETED_AT, MESSAGES.ID.eq(a))).isEqualTo(at(T1));
        assertThat(dsl.fetchValue(MESSAGES.SENDER_DELETED_AT, MESSAGES.ID.eq(b))).isNull();
        assertThat(dsl.fetchValue(MESSAGES.SENDER_DELETED_AT, MESSAGES.ID.eq(bobs))).isNull();
        assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.DELETED_AT.isNotNull())).isZero();
    }

    @Test
    void aRecallHidesTheMessageFromEveryReceiverOnce() {
        writer.write(List.of(Events.sequenced(3, Events.receiptsDeleted("bob", Events.ids(a), T1))));
        List<SequencedEvent> recalled = List.of(
                Events.sequenced(4, Events.messagesRecalled("alice", Events.ids(a), T2)));

        WriteResult first = writer.write(recalled);
        WriteResult again = writer.write(recalled);
        writer.write(List.of(Events.sequenced(5, Events.messagesRecalled("alice", Events.ids(a), T3))));

        assertThat(first.rowsUpdated()).isEqualTo(2); // the message and carol's receipt
        assertThat(again.rowsUpdated()).isZero();
        assertThat(dsl.fetchValue(MESSAGES.RECALLED_AT, MESSAGES.ID.eq(a))).isEqualTo(at(T2));
        assertThat(deletedAt("bob", a)).isEqualTo(at(T1)); // deleted before: kept
        assertThat(deletedAt("carol", a)).isEqualTo(at(T2));
        assertThat(dsl.fetchValue(MESSAGES.RECALLED_AT, MESSAGES.ID.eq(b))).isNull();
        assertThat(deletedAt("carol", b)).isNull();
    }

    @Test
    void aRecallByAnotherSenderChangesNothing() {
        Result<Record> messagesBefore = dsl.select().from(MESSAGES).orderBy(MESSAGES.ID).fetch();
        Result<Record> receiptsBefore = receipts();

        WriteResult result = writer.write(List.of(
                Events.sequenced(3, Events.messagesRecalled("mallory", Events.ids(a, b), T1))));

        assertThat(result.rowsUpdated()).isZero();
        assertThat(dsl.select().from(MESSAGES).orderBy(MESSAGES.ID).fetch()).isEqualTo(messagesBefore);
        assertThat(receipts()).isEqualTo(receiptsBefore);
    }

    @Test
    void theEarliestTimeWinsWhateverTheOrder() {
        // The recall (seq 4) carries a later time than bob's delete (seq 5): another instance's clock. Bob's receipt
        // keeps the earliest time whichever is applied first (several workers commit out of stream order).
        writer.write(List.of(
                Events.sequenced(5, Events.receiptsDeleted("bob", Events.ids(a), T1)),
                Events.sequenced(4, Events.messagesRecalled("alice", Events.ids(a), T2))));
        writer.write(List.of(Events.sequenced(6, Events.messagesRecalled("alice", Events.ids(b), T2))));
        writer.write(List.of(Events.sequenced(7, Events.receiptsDeleted("bob", Events.ids(b), T1))));

        assertThat(deletedAt("bob", a)).isEqualTo(at(T1));
        assertThat(deletedAt("carol", a)).isEqualTo(at(T2));
        assertThat(deletedAt("bob", b)).isEqualTo(at(T1));
        assertThat(deletedAt("carol", b)).isEqualTo(at(T2));
    }

    @Test
    void aPurgeRemovesTheMessagesAndTheirReceipts() {
        UUID c = Uuids.v7();
        List<SequencedEvent> batch = List.of(
                Events.sequenced(3, Events.message(c, "bob", List.of("carol"))),
                Events.sequenced(4, Events.messagesPurged(Events.ids(a, c))));

        WriteResult first = writer.write(batch);
        WriteResult again = writer.write(List.of(batch.get(1)));

        assertThat(first.rowsUpdated()).isEqualTo(2 + 1 + 2); // a's and c's receipts, then the messages
        assertThat(first.purgedEventSequences()).as("the events of a and c, to delete from the stream")
                .containsExactlyInAnyOrder(1L, 3L);
        assertThat(again).as("a redelivered purge names the events again")
                .isEqualTo(new WriteResult(0, 0, 0, 0, Set.of(1L, 3L)));
        assertThat(dsl.select(MESSAGES.ID).from(MESSAGES).fetch(MESSAGES.ID)).containsExactly(b);
        assertThat(dsl.select(RECEIPTS.MESSAGE_ID).from(RECEIPTS).fetch(RECEIPTS.MESSAGE_ID)).containsOnly(b)
                .hasSize(2);
    }

    @Test
    void aPurgedMessageStaysPurgedWhenItsEventIsRedelivered() {
        // The worker stored a and b, but its ack was lost; an admin purges a; then a's event comes again.
        SequencedEvent redelivered = Events.sequenced(1, Events.message(a, "alice", List.of("bob", "carol")));
        writer.write(List.of(Events.sequenced(3, Events.messagesPurged(Events.ids(a)))));

        WriteResult again = writer.write(List.of(redelivered));
        WriteResult byInserts = new BatchWriter(dsl, false).write(List.of(redelivered));

        assertThat(again.messagesInserted()).isZero();
        assertThat(again.purgedEventSequences()).as("the redelivered event, to delete from the stream")
                .containsExactly(1L);
        assertThat(byInserts.messagesInserted()).isZero();
        assertThat(byInserts.purgedEventSequences()).containsExactly(1L);
        assertThat(dsl.select(MESSAGES.ID).from(MESSAGES).fetch(MESSAGES.ID)).containsExactly(b);
        assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.MESSAGE_ID.eq(a))).isZero();
    }

    @Test
    void aProvisioningUpsertsLikeASightingAndAnOlderSightingDoesNotRename() {
        var provisioned = Events.sequenced(3, Events.usersProvisioned(Map.of("bob", "Bob", "carol", "Carol"), T2));

        WriteResult first = writer.write(List.of(provisioned));
        WriteResult again = writer.write(List.of(provisioned));
        WriteResult older = writer.write(List.of(Events.sequenced(4, Events.userSeen("bob", "bobby", T1))));

        assertThat(first.usersChanged()).isEqualTo(2);
        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(older.usersChanged()).isEqualTo(1); // only created_at moved back
        var bob = dsl.fetchSingle(USERS, USERS.ID.eq("bob"));
        assertThat(bob.getName()).isEqualTo("Bob");
        assertThat(bob.getCreatedAt()).isEqualTo(at(T1));
        assertThat(bob.getUpdatedAt()).isEqualTo(at(T2));

        writer.write(List.of(Events.sequenced(5, Events.userSeen("carol", "Caroline", T3))));
        writer.write(List.of(Events.sequenced(6, Events.usersProvisioned(Map.of("carol", "Carol (old)"), T1))));

        var carol = dsl.fetchSingle(USERS, USERS.ID.eq("carol"));
        assertThat(carol.getName()).isEqualTo("Caroline");
        assertThat(carol.getCreatedAt()).isEqualTo(at(T1));
        assertThat(carol.getUpdatedAt()).isEqualTo(at(T3));
    }

    private @Nullable OffsetDateTime readAt(String receiver, UUID message) {
        return dsl.fetchValue(RECEIPTS.READ_AT, RECEIPTS.RECEIVER_ID.eq(receiver).and(RECEIPTS.MESSAGE_ID.eq(message)));
    }

    private @Nullable OffsetDateTime deletedAt(String receiver, UUID message) {
        return dsl.fetchValue(RECEIPTS.DELETED_AT,
                RECEIPTS.RECEIVER_ID.eq(receiver).and(RECEIPTS.MESSAGE_ID.eq(message)));
    }

    private Result<Record> receipts() {
        return dsl.select().from(RECEIPTS).orderBy(RECEIPTS.RECEIVER_ID, RECEIPTS.MESSAGE_ID).fetch();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
