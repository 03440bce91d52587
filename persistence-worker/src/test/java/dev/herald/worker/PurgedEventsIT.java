package dev.herald.worker;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.StreamEvent;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.NatsExtension;
import dev.herald.worker.testing.StreamPublisher;
import dev.herald.worker.testing.Uuids;
import dev.herald.worker.testing.WorkerScope;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A purge takes the purged messages' events, bodies included, out of the stream, not only their rows. */
class PurgedEventsIT {

    @RegisterExtension
    static final NatsExtension nats = new NatsExtension();
    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** JetStream's "no message found" for a get by sequence. */
    private static final int NO_MESSAGE_FOUND = 10037;

    private final DSLContext dsl = db.dsl();
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
    void aPurgedMessagesEventIsDeletedFromTheStreamOnceThePurgeIsCommitted() throws Exception {
        UUID purged = Uuids.v7();
        UUID kept = Uuids.v7();
        long purgedEvent = publisher.publish(Events.message(purged, "alice", List.of("bob"), ""));
        long keptEvent = publisher.publish(Events.message(kept, "alice", List.of("bob"), ""));

        try (PersistenceWorker worker = scope.startWorker(Map.of())) {
            await().atMost(TIMEOUT).until(() -> dsl.fetchCount(MESSAGES) == 2);
            long purge = publisher.publish(Events.messagesPurged(Events.ids(purged)));
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= purge);

            assertThat(dsl.fetchCount(MESSAGES, MESSAGES.ID.eq(purged))).isZero();
            assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.MESSAGE_ID.eq(purged))).isZero();
            assertGone(purgedEvent);
            assertThat(jsm.getMessage(scope.stream(), keptEvent).getSeq()).isEqualTo(keptEvent);
            assertThat(worker.stats().failures()).isZero();
        }
    }

    @Test
    void aPurgeRedeliveredAfterItsEventWasDeletedIsStillAcked() {
        UUID purged = Uuids.v7();
        long purgedEvent = publisher.publish(Events.message(purged, "alice", List.of("bob"), ""));
        StreamEvent purge = Events.messagesPurged(Events.ids(purged));

        try (PersistenceWorker worker = scope.startWorker(Map.of())) {
            long first = publisher.publish(purge);
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= first);
            // As a redelivery would: the tombstone names the deleted event again, which is no longer there.
            long again = publisher.publish(purge);
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= again);

            assertGone(purgedEvent);
            assertThat(worker.stats().failures()).isZero();
        }
    }

    @Test
    void aMessageEventRedeliveredAfterItsPurgeIsDroppedAndDeletedFromTheStream() {
        UUID purged = Uuids.v7();
        StreamEvent created = Events.message(purged, "alice", List.of("bob"), "");
        publisher.publish(created);

        try (PersistenceWorker worker = scope.startWorker(Map.of())) {
            long purge = publisher.publish(Events.messagesPurged(Events.ids(purged)));
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= purge);
            // The same event once more, as a publish retried past the duplicate window would store it.
            long redelivered = publisher.publish(created, purged + "-again");
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= redelivered);

            assertThat(dsl.fetchCount(MESSAGES, MESSAGES.ID.eq(purged))).isZero();
            assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.MESSAGE_ID.eq(purged))).isZero();
            assertGone(redelivered);
            assertThat(worker.stats().failures()).isZero();
        }
    }

    @Test
    void aStreamThatRefusesDeletesKeepsTheEventButThePurgeIsStoredAndAcked() throws Exception {
        jsm.updateStream(StreamConfiguration.builder(jsm.getStreamInfo(scope.stream()).getConfiguration())
                .denyDelete(true).build());
        UUID purged = Uuids.v7();
        long purgedEvent = publisher.publish(Events.message(purged, "alice", List.of("bob"), ""));

        try (PersistenceWorker worker = scope.startWorker(Map.of())) {
            long purge = publisher.publish(Events.messagesPurged(Events.ids(purged)));
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= purge);

            assertThat(dsl.fetchCount(MESSAGES, MESSAGES.ID.eq(purged))).isZero();
            assertThat(jsm.getMessage(scope.stream(), purgedEvent).getSeq()).as("logged as an error, left")
                    .isEqualTo(purgedEvent);
            assertThat(worker.stats().failures()).as("later writes are not held back").isZero();
        }
    }

    private void assertGone(long sequence) {
        assertThatThrownBy(() -> jsm.getMessage(scope.stream(), sequence))
                .isInstanceOfSatisfying(JetStreamApiException.class,
                        e -> assertThat(e.getApiErrorCode()).isEqualTo(NO_MESSAGE_FOUND));
    }
}
