package dev.herald.worker;

import static dev.herald.schema.generated.Tables.DEAD_LETTERS;
import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static dev.herald.schema.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.StreamEvent;
import dev.herald.schema.generated.tables.records.DeadLettersRecord;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.NatsExtension;
import dev.herald.worker.testing.StreamPublisher;
import dev.herald.worker.testing.Uuids;
import dev.herald.worker.testing.WorkerScope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the worker can never store lands in {@code dead_letters} as it came from the stream, and is acked: events
 * PostgreSQL rejects, isolated by splitting their batch in halves, and records that do not decode.
 */
class DeadLetterIT {

    @RegisterExtension
    static final NatsExtension nats = new NatsExtension();
    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Everything published before the worker starts arrives in one batch. */
    private static final Map<String, String> ONE_BATCH =
            Map.of("HERALD_WORKER_BATCH_SIZE", "1000", "HERALD_WORKER_BATCH_MAX_WAIT_MS", "1000");

    private final DSLContext dsl = db.dsl();
    private WorkerScope scope;
    private StreamPublisher publisher;

    @BeforeEach
    void scope() {
        db.truncate();
        scope = new WorkerScope(nats, db.env());
        publisher = scope.publisher();
    }

    @Test
    void oneEventPostgresRejectsAmongManyIsIsolatedInLogarithmicallyManyWrites() {
        int total = 512;
        int badIndex = 337;
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            events.add(Events.message(Uuids.v7(), "alice", List.of("bob")));
        }
        // A NUL in the body: the message-service refuses it, so it can only come from a broken or foreign publisher.
        StreamEvent bad = withBody(events.get(badIndex), "before\u0000after");
        events.set(badIndex, bad);
        List<Long> sequences = publisher.publishAll(events);

        try (PersistenceWorker worker = scope.startWorker(ONE_BATCH)) {
            await().atMost(TIMEOUT).until(() -> worker.stats().messages() == total - 1
                    && worker.stats().deadLettered() == 1);

            Set<UUID> expected = events.stream().filter(e -> e != bad)
                    .map(e -> UUID.fromString(e.getMessageCreated().getId())).collect(Collectors.toSet());
            assertThat(dsl.select(MESSAGES.ID).from(MESSAGES).fetchSet(MESSAGES.ID)).isEqualTo(expected);
            assertThat(dsl.fetchCount(RECEIPTS)).isEqualTo(total - 1);

            DeadLettersRecord letter = dsl.fetchSingle(DEAD_LETTERS);
            assertThat(letter.getStreamSequence()).isEqualTo(sequences.get(badIndex));
            assertThat(letter.getSubject()).isEqualTo(scope.subjectPrefix() + ".message");
            assertThat(letter.getPayload()).isEqualTo(bad.toByteArray());
            assertThat(letter.getSqlState()).isEqualTo("22021");
            assertThat(letter.getReason()).startsWith("PostgreSQL rejected the event: SQLSTATE 22021");
            assertThat(letter.getFailedAt()).isNotNull();

            long last = sequences.getLast();
            await().atMost(TIMEOUT).untilAsserted(() -> {
                var info = scope.consumerInfo();
                assertThat(info.getNumAckPending()).isZero();
                assertThat(info.getNumPending()).isZero();
                assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(last);
                assertThat(info.getRedelivered()).isZero();
            });
            // One rejected write per halving down to the bad event: log2(512) + 1 = 10, however the batch was
            // pulled; and one committed write per half kept, never one per event.
            assertThat(worker.stats().rejectedWrites()).isBetween(1L, 10L);
            assertThat(worker.stats().batches()).isLessThan(20);
        }
    }

    @Test
    void badEventsAnywhereAreIsolatedAndTheOthersStoredInStreamOrder() {
        int total = 64;
        Set<Integer> badIndexes = Set.of(0, 31, 32, 62);
        List<StreamEvent> events = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < total - 1; i++) {
            UUID id = Uuids.v7();
            ids.add(id);
            events.add(badIndexes.contains(i)
                    ? withBody(Events.message(id, "alice", List.of("bob")), "nul\u0000" + i)
                    : Events.message(id, "alice", List.of("bob")));
        }
        // Last in the stream, so in the last half of every split: it applies only if the message (early in the
        // batch) was committed before it.
        Instant readAt = Instant.parse("2026-01-02T03:04:05Z");
        events.add(Events.receiptsRead("bob", Events.ids(ids.get(5)), readAt));
        List<Long> sequences = publisher.publishAll(events);

        try (PersistenceWorker worker = scope.startWorker(ONE_BATCH)) {
            await().atMost(TIMEOUT).until(() -> worker.stats().deadLettered() == badIndexes.size()
                    && worker.stats().messages() == total - badIndexes.size());

            Set<UUID> stored = IntStream.range(0, total - 1).filter(i -> !badIndexes.contains(i)).mapToObj(ids::get)
                    .collect(Collectors.toSet());
            assertThat(dsl.select(MESSAGES.ID).from(MESSAGES).fetchSet(MESSAGES.ID)).isEqualTo(stored);
            assertThat(dsl.fetchValue(RECEIPTS.READ_AT, RECEIPTS.MESSAGE_ID.eq(ids.get(5))))
                    .isEqualTo(readAt.atOffset(ZoneOffset.UTC));
            assertThat(dsl.select(DEAD_LETTERS.STREAM_SEQUENCE).from(DEAD_LETTERS).fetchSet(DEAD_LETTERS.STREAM_SEQUENCE))
                    .isEqualTo(badIndexes.stream().map(sequences::get).collect(Collectors.toSet()));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(scope.consumerInfo().getAckFloor().getStreamSequence())
                    .isEqualTo(sequences.getLast()));
        }
    }

    @Test
    void aValueTooLongIsDeadLetteredWithItsSqlState() {
        UUID good = Uuids.v7();
        publisher.publish(Events.message(good, "alice", List.of("bob")));
        long tooLong = publisher.publish(Events.message(Uuids.v7(), "x".repeat(300), List.of("bob")));
        publisher.publish(Events.userSeen("dave", "Dave", Instant.now()));

        try (PersistenceWorker worker = scope.startWorker(Map.of("HERALD_WORKER_BATCH_MAX_WAIT_MS", "500"))) {
            await().atMost(TIMEOUT).until(() -> worker.stats().messages() == 2 && worker.stats().deadLettered() == 1);

            assertThat(dsl.select(MESSAGES.ID).from(MESSAGES).fetch(MESSAGES.ID)).containsExactly(good);
            assertThat(dsl.fetchCount(USERS)).isEqualTo(1);
            DeadLettersRecord letter = dsl.fetchSingle(DEAD_LETTERS);
            assertThat(letter.getStreamSequence()).isEqualTo(tooLong);
            assertThat(letter.getSqlState()).isEqualTo("22001");
            assertThat(letter.getReason()).isEqualTo(
                    "PostgreSQL rejected the event: SQLSTATE 22001: value too long for type character varying(255)");
        }
    }

    @Test
    void anUndecodableRecordIsDeadLetteredAndAckedAndTheRecordsAroundItAreStored() {
        UUID before = Uuids.v7();
        UUID after = Uuids.v7();
        byte[] garbage = "not a protobuf at all".getBytes(StandardCharsets.UTF_8);
        publisher.publish(Events.message(before, "alice", List.of("bob")));
        long garbageSequence = publisher.publishRaw(garbage);
        long last = publisher.publish(Events.message(after, "alice", List.of("bob")));

        try (PersistenceWorker worker = scope.startWorker(Map.of("HERALD_WORKER_BATCH_MAX_WAIT_MS", "20"))) {
            await().atMost(TIMEOUT).until(() -> worker.stats().messages() == 2 && worker.stats().deadLettered() == 1);

            assertThat(dsl.select(MESSAGES.ID).from(MESSAGES).fetch(MESSAGES.ID)).containsExactlyInAnyOrder(before, after);
            DeadLettersRecord letter = dsl.fetchSingle(DEAD_LETTERS);
            assertThat(letter.getStreamSequence()).isEqualTo(garbageSequence);
            assertThat(letter.getSubject()).isEqualTo(scope.subjectPrefix() + ".message");
            assertThat(letter.getPayload()).isEqualTo(garbage);
            assertThat(letter.getReason()).startsWith("undecodable: not a StreamEvent");
            assertThat(letter.getSqlState()).isNull();
            await().atMost(TIMEOUT).untilAsserted(() -> {
                var info = scope.consumerInfo();
                assertThat(info.getNumAckPending()).isZero();
                assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(last);
                assertThat(info.getRedelivered()).isZero();
            });
            assertThat(worker.stats().rejectedWrites()).isZero();
        }
    }

    private static StreamEvent withBody(StreamEvent event, String body) {
        return event.toBuilder().setMessageCreated(event.getMessageCreated().toBuilder().setBody(body)).build();
    }
}
