package dev.herald.worker;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static dev.herald.schema.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.StreamEvent;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.NatsExtension;
import dev.herald.worker.testing.StreamPublisher;
import dev.herald.worker.testing.Uuids;
import dev.herald.worker.testing.WorkerScope;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An in-process worker against a real nats-server and PostgreSQL. */
class PersistenceWorkerIT {

    @RegisterExtension
    static final NatsExtension nats = new NatsExtension();
    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, String> SMALL_BATCHES =
            Map.of("HERALD_WORKER_BATCH_SIZE", "50", "HERALD_WORKER_BATCH_MAX_WAIT_MS", "20");

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
    void storesEveryEventWithItsStreamSequenceAndAcksIt() {
        Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            List<String> receivers = new ArrayList<>();
            for (int r = 0; r <= i % 3; r++) {
                receivers.add("user-" + (i + r) % 40);
            }
            events.add(Events.message(Uuids.v7(), "user-" + i % 40, receivers));
            if (i % 10 == 0) {
                events.add(Events.userSeen("user-" + i % 40, "Name " + i, t0.plusSeconds(i)));
            }
        }
        List<Long> sequences = publisher.publishAll(events);

        try (PersistenceWorker worker = scope.startWorker(SMALL_BATCHES)) {
            await().atMost(TIMEOUT).until(() -> worker.stats().messages() == events.size());

            Map<UUID, Long> expectedSequences = new HashMap<>();
            Set<String> expectedReceipts = new HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).hasMessageCreated()) {
                    var message = events.get(i).getMessageCreated();
                    UUID id = UUID.fromString(message.getId());
                    expectedSequences.put(id, sequences.get(i));
                    message.getReceiversList().forEach(r -> expectedReceipts.add(r + "/" + id));
                }
            }
            assertThat(dsl.select(MESSAGES.ID, MESSAGES.STREAM_SEQUENCE).from(MESSAGES).fetchMap(MESSAGES.ID,
                    MESSAGES.STREAM_SEQUENCE)).isEqualTo(expectedSequences);
            assertThat(dsl.fetch(RECEIPTS).map(r -> r.getReceiverId() + "/" + r.getMessageId()))
                    .containsExactlyInAnyOrderElementsOf(expectedReceipts);
            var user0 = dsl.fetchSingle(USERS, USERS.ID.eq("user-0"));
            assertThat(user0.getName()).isEqualTo("Name 280");
            assertThat(user0.getCreatedAt()).isEqualTo(t0.atOffset(ZoneOffset.UTC));
            assertThat(dsl.fetchCount(USERS)).isEqualTo(4); // user-0, -10, -20, -30
            long last = sequences.getLast();
            await().atMost(TIMEOUT).untilAsserted(() -> {
                var info = scope.consumerInfo();
                assertThat(info.getNumAckPending()).isZero();
                assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(last);
            });
            assertThat(worker.stats().lastAckedSequence()).isEqualTo(last);
            assertThat(worker.stats().deadLettered()).isZero();
        }
    }

    @Test
    void republishedEventsUnderNewMsgIdsChangeNothing() {
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(Events.message(Uuids.v7(), "alice", List.of("bob", "carol"), i % 2 == 0 ? "c-" + i : ""));
        }
        List<Long> firstSequences = publisher.publishAll(events);

        try (PersistenceWorker worker = scope.startWorker(SMALL_BATCHES)) {
            await().atMost(TIMEOUT).until(() -> worker.stats().messages() == 100);
            for (StreamEvent event : events) {
                publisher.publish(event, event.getMessageCreated().getId() + "-again");
            }
            await().atMost(TIMEOUT).until(() -> worker.stats().messages() == 200);

            assertThat(dsl.fetchCount(MESSAGES)).isEqualTo(100);
            assertThat(dsl.fetchCount(RECEIPTS)).isEqualTo(200);
            assertThat(dsl.select(MESSAGES.STREAM_SEQUENCE).from(MESSAGES).fetch(MESSAGES.STREAM_SEQUENCE))
                    .containsExactlyInAnyOrderElementsOf(firstSequences);
            assertThat(worker.stats().deadLettered()).isZero();
        }
    }

    @Test
    void appliesUpdatesAfterTheMessagesTheyName() {
        UUID read = Uuids.v7();
        UUID recalled = Uuids.v7();
        UUID purged = Uuids.v7();
        Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
        List<StreamEvent> events = List.of(
                Events.message(read, "alice", List.of("bob", "carol")),
                Events.message(recalled, "alice", List.of("bob")),
                Events.message(purged, "alice", List.of("bob")),
                Events.receiptsRead("bob", List.of(read.toString(), "not-a-uuid"), t0),
                Events.receiptsRead("bob", Events.ids(read), t0.plusSeconds(5)),
                Events.sentDeleted("alice", Events.ids(read), t0),
                Events.messagesRecalled("mallory", Events.ids(read), t0),
                Events.messagesRecalled("alice", Events.ids(recalled), t0),
                Events.messagesPurged(Events.ids(purged)),
                Events.usersProvisioned(Map.of("dave", "Dave"), t0));
        List<Long> sequences = publisher.publishAll(events);

        try (PersistenceWorker worker = scope.startWorker(SMALL_BATCHES)) {
            await().atMost(TIMEOUT).until(() -> worker.stats().messages() == events.size());

            assertThat(dsl.select(MESSAGES.ID).from(MESSAGES).fetch(MESSAGES.ID))
                    .containsExactlyInAnyOrder(read, recalled);
            assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.MESSAGE_ID.eq(purged))).isZero();
            assertThat(dsl.fetchValue(RECEIPTS.READ_AT, RECEIPTS.RECEIVER_ID.eq("bob").and(RECEIPTS.MESSAGE_ID.eq(read))))
                    .isEqualTo(t0.atOffset(ZoneOffset.UTC));
            assertThat(dsl.fetchValue(RECEIPTS.READ_AT, RECEIPTS.RECEIVER_ID.eq("carol").and(RECEIPTS.MESSAGE_ID.eq(read))))
                    .isNull();
            var readMessage = dsl.fetchSingle(MESSAGES, MESSAGES.ID.eq(read));
            assertThat(readMessage.getSenderDeletedAt()).isEqualTo(t0.atOffset(ZoneOffset.UTC));
            assertThat(readMessage.getRecalledAt()).isNull();
            assertThat(dsl.fetchValue(MESSAGES.RECALLED_AT, MESSAGES.ID.eq(recalled))).isEqualTo(t0.atOffset(ZoneOffset.UTC));
            assertThat(dsl.fetchValue(RECEIPTS.DELETED_AT, RECEIPTS.MESSAGE_ID.eq(recalled)))
                    .isEqualTo(t0.atOffset(ZoneOffset.UTC));
            assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.MESSAGE_ID.eq(read).and(RECEIPTS.DELETED_AT.isNotNull()))).isZero();
            assertThat(dsl.fetchValue(USERS.NAME, USERS.ID.eq("dave"))).isEqualTo("Dave");
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(scope.consumerInfo().getAckFloor().getStreamSequence())
                    .isEqualTo(sequences.getLast()));
            assertThat(worker.stats().deadLettered()).isZero();
        }
    }

    @Test
    void closeFinishesTheCurrentBatchAndTheNextWorkerGetsTheRest() {
        int total = 3000;
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            events.add(Events.message(Uuids.v7(), "alice", List.of("bob")));
        }
        publisher.publishAll(events);
        Map<String, String> settings = Map.of("HERALD_WORKER_BATCH_SIZE", "20", "HERALD_WORKER_ACK_WAIT_SECONDS", "2");

        PersistenceWorker first = scope.startWorker(settings);
        await().atMost(TIMEOUT).until(() -> first.stats().messages() >= 200);
        first.close();

        long acked = first.stats().messages();
        assertThat(acked).isLessThan(total);
        assertThat(dsl.fetchCount(MESSAGES)).isEqualTo((int) acked);
        var info = scope.consumerInfo();
        long ackedByServer = total - info.getNumPending() - info.getNumAckPending();
        assertThat(ackedByServer).isEqualTo(acked);

        try (PersistenceWorker second = scope.startWorker(settings)) {
            await().atMost(TIMEOUT).until(() -> dsl.fetchCount(MESSAGES) == total);
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getNumAckPending() == 0);
            assertThat(dsl.fetchCount(RECEIPTS)).isEqualTo(total);
            assertThat(first.stats().messages() + second.stats().messages()).isGreaterThanOrEqualTo(total);
        }
    }
}
