package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static dev.herald.schema.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.proto.v1.StreamEvent;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.Uuids;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class BatchWriterIT {

    private static final Logger logger = LoggerFactory.getLogger(BatchWriterIT.class);

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private final BatchWriter writer = new BatchWriter(db.dsl());
    private final DSLContext dsl = db.dsl();

    @BeforeEach
    void empty() {
        db.truncate();
    }

    @Test
    void writesMessagesReceiptsAndUsers() {
        UUID a = Uuids.v7();
        UUID b = Uuids.v7();
        Instant seen = Instant.parse("2025-03-01T10:00:00Z");

        WriteResult result = writer.write(List.of(
                event(1, Events.userSeen("alice", "Alice", seen)),
                event(2, Events.message(a, "alice", List.of("bob", "carol"), "c-1")),
                event(3, Events.message(b, "alice", List.of("bob")))));

        assertThat(result).isEqualTo(new WriteResult(2, 3, 1, 0));
        var stored = dsl.selectFrom(MESSAGES).where(MESSAGES.ID.eq(a)).fetchSingle();
        assertThat(stored.getSenderId()).isEqualTo("alice");
        assertThat(stored.getClientId()).isEqualTo("c-1");
        assertThat(stored.getStreamSequence()).isEqualTo(2L);
        assertThat(dsl.fetchValue(MESSAGES.CLIENT_ID, MESSAGES.ID.eq(b))).isNull();
        assertThat(dsl.fetch(RECEIPTS).map(r -> r.getReceiverId() + "/" + r.getMessageId()))
                .containsExactlyInAnyOrder("bob/" + a, "carol/" + a, "bob/" + b);
        assertThat(dsl.fetch(RECEIPTS)).allSatisfy(r -> {
            assertThat(r.getReadAt()).isNull();
            assertThat(r.getDeletedAt()).isNull();
        });
        var alice = dsl.fetchSingle(USERS, USERS.ID.eq("alice"));
        assertThat(alice.getName()).isEqualTo("Alice");
        assertThat(alice.getCreatedAt()).isEqualTo(seen.atOffset(ZoneOffset.UTC));
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        List<SequencedEvent> batch = List.of(
                event(1, Events.userSeen("alice", "Alice", Instant.now())),
                event(2, Events.message(Uuids.v7(), "alice", List.of("bob", "carol"), "c-1")),
                event(3, Events.message(Uuids.v7(), "alice", List.of("bob"))));
        writer.write(batch);
        dsl.update(RECEIPTS).set(RECEIPTS.READ_AT, OffsetDateTime.now()).where(RECEIPTS.RECEIVER_ID.eq("bob")).execute();

        WriteResult again = writer.write(batch);

        assertThat(again).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(dsl.fetchCount(MESSAGES)).isEqualTo(2);
        assertThat(dsl.fetchCount(RECEIPTS)).isEqualTo(3);
        assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.READ_AT.isNotNull())).isEqualTo(2);
        assertThat(dsl.fetchCount(USERS)).isEqualTo(1);
    }

    @Test
    void aCollidingClientIdStoresNeitherTheMessageNorItsReceipts() {
        UUID first = Uuids.v7();
        UUID retry = Uuids.v7();
        writer.write(List.of(event(1, Events.message(first, "alice", List.of("bob"), "c-1"))));

        WriteResult result = writer.write(List.of(event(2, Events.message(retry, "alice", List.of("carol"), "c-1"))));

        assertThat(result).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(dsl.select(MESSAGES.ID).from(MESSAGES).fetch(MESSAGES.ID)).containsExactly(first);
        assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.MESSAGE_ID.eq(retry))).isZero();
    }

    @Test
    void sightingsConvergeWhateverOrderTheyArriveIn() {
        Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
        var early = event(1, Events.userSeen("bob", "Bob (old)", t0));
        var late = event(2, Events.userSeen("bob", "Bob", t0.plusSeconds(60)));
        var tieLow = event(3, Events.userSeen("carol", "Carol A", t0));
        var tieHigh = event(4, Events.userSeen("carol", "Carol B", t0));

        writer.write(List.of(late));
        writer.write(List.of(tieHigh));
        WriteResult older = writer.write(List.of(early, tieLow));
        writer.write(List.of(early, late, tieLow, tieHigh));

        assertThat(older.usersChanged()).isEqualTo(2); // bob's created_at and carol's first sequence moved back
        var bob = dsl.fetchSingle(USERS, USERS.ID.eq("bob"));
        assertThat(bob.getName()).isEqualTo("Bob");
        assertThat(bob.getCreatedAt()).isEqualTo(t0.atOffset(ZoneOffset.UTC));
        assertThat(bob.getUpdatedAt()).isEqualTo(t0.plusSeconds(60).atOffset(ZoneOffset.UTC));
        assertThat(dsl.fetchValue(USERS.NAME, USERS.ID.eq("carol"))).isEqualTo("Carol B");
        assertThat(dsl.fetchValue(USERS.FIRST_SEQUENCE, USERS.ID.eq("carol"))).isEqualTo(3L);
    }

    @Test
    void aRejectedRowRollsBackTheWholeBatch() {
        String tooLong = "x".repeat(300);
        List<SequencedEvent> batch = List.of(
                event(1, Events.message(Uuids.v7(), "alice", List.of("bob"))),
                event(2, Events.message(Uuids.v7(), tooLong, List.of("bob"))));

        assertThatThrownBy(() -> writer.write(batch))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.REJECTED));
        assertThat(dsl.fetchCount(MESSAGES)).isZero();
    }

    /** Not a benchmark: prints the figure for one connection, asserts only that all rows landed. */
    @Test
    void writeThroughput() {
        int batches = 30;
        int batchSize = 1000;
        for (int receivers : new int[] {1, 3}) {
            List<List<SequencedEvent>> input = new ArrayList<>();
            long sequence = 1_000_000L * receivers;
            for (int b = 0; b < batches; b++) {
                List<SequencedEvent> batch = new ArrayList<>();
                for (int i = 0; i < batchSize; i++) {
                    List<String> to = new ArrayList<>();
                    for (int r = 0; r < receivers; r++) {
                        to.add("user-" + ((i + r * 7) % 500));
                    }
                    batch.add(event(sequence++, Events.message(Uuids.v7(), "sender-" + i % 50, to)));
                }
                input.add(batch);
            }
            writer.write(input.removeFirst()); // warm-up
            long start = System.nanoTime();
            input.forEach(writer::write);
            double seconds = (System.nanoTime() - start) / 1e9;
            logger.info("BatchWriter: {} messages/s with {} receipt(s) each, batches of {}",
                    Math.round((batches - 1) * batchSize / seconds), receivers, batchSize);
        }
        assertThat(dsl.fetchCount(MESSAGES)).isEqualTo(2 * batches * batchSize);
        assertThat(dsl.fetchCount(RECEIPTS)).isEqualTo(4 * batches * batchSize);
    }

    private static SequencedEvent event(long sequence, StreamEvent event) {
        return Events.sequenced(sequence, event);
    }
}
