package dev.herald.worker.retention;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.StreamEvent;
import dev.herald.worker.PersistenceWorker;
import dev.herald.worker.store.RetentionCutoff;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.NatsExtension;
import dev.herald.worker.testing.RoomEvents;
import dev.herald.worker.testing.StreamPublisher;
import dev.herald.worker.testing.Uuids;
import dev.herald.worker.testing.WorkerScope;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention through a real worker, PostgreSQL and stream: exactly the messages older than the retention go, with their
 * receipts, marks and events, in several bounded transactions; newer ones stay; a redelivered old event is not stored
 * again; a second worker does not run while one holds the lock.
 */
class RetentionIT {

    @RegisterExtension
    static final NatsExtension nats = new NatsExtension();
    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int NO_MESSAGE_FOUND = 10037;
    private static final Map<String, String> THREE_DAYS = Map.of("HERALD_RETENTION_DAYS", "3",
            "HERALD_RETENTION_BATCH_SIZE", "2", "HERALD_RETENTION_PAUSE_MS", "10");

    private final DSLContext dsl = db.dsl();
    private final Instant old = Instant.now().minus(Duration.ofDays(4));
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
    void deletesExactlyTheExpiredMessagesTheirReceiptsMarksAndEvents() throws Exception {
        UUID oldDirect = Uuids.v7(old);
        UUID oldSecond = Uuids.v7(old.plusSeconds(1));
        UUID oldAnnouncement = Uuids.v7(old.plusSeconds(2));
        UUID fresh = Uuids.v7();
        StreamEvent oldEvent = Events.messageAt(oldDirect, "alice", List.of("bob", "carol"), old);
        long oldDirectEvent = publisher.publish(oldEvent);
        long oldSecondEvent = publisher.publish(Events.messageAt(oldSecond, "alice", List.of("bob"), old));
        long oldAnnouncementEvent = publisher.publish(announcementAt(oldAnnouncement, old));
        publisher.publish(Events.receiptsRead("bob", Events.ids(oldAnnouncement, oldDirect), old));
        long freshEvent = publisher.publish(Events.message(fresh, "alice", List.of("bob")));
        try (PersistenceWorker keepingAll = scope.startWorker(Map.of())) {
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= freshEvent);
        }
        assertThat(dsl.fetchCount(MESSAGES)).isEqualTo(4);

        try (PersistenceWorker worker = scope.startWorker(THREE_DAYS)) {
            RetentionReport report = worker.retentionRun(RetentionCutoff.days(3, Clock.systemUTC())).run()
                    .orElseThrow();

            assertThat(report.messages()).isEqualTo(3);
            assertThat(report.receipts()).isEqualTo(3);
            assertThat(report.marks()).isEqualTo(1);
            assertThat(report.transactions()).as("2 per transaction, then the tombstones").isGreaterThanOrEqualTo(3);
            assertThat(dsl.fetch(MESSAGES).getValues(MESSAGES.ID)).containsExactly(fresh);
            assertThat(dsl.fetch(RECEIPTS).getValues(RECEIPTS.MESSAGE_ID)).containsExactly(fresh);
            assertThat(dsl.fetchCount(MESSAGE_MARKS)).isZero();
            assertGone(oldDirectEvent);
            assertGone(oldSecondEvent);
            assertGone(oldAnnouncementEvent);
            assertThat(jsm.getMessage(scope.stream(), freshEvent).getSeq()).isEqualTo(freshEvent);

            // The old message's event once more (a replay, a publish retried past the duplicate window): dropped.
            long again = publisher.publish(oldEvent, oldDirect + "-again");
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= again);
            assertThat(dsl.fetch(MESSAGES).getValues(MESSAGES.ID)).containsExactly(fresh);
            assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.MESSAGE_ID.eq(oldDirect))).isZero();
            assertGone(again);
            assertThat(worker.stats().failures()).isZero();
        }
    }

    @Test
    void aRunIsSkippedWhileAnotherWorkerHoldsTheLock() throws Exception {
        UUID expired = Uuids.v7(old);
        long event = publisher.publish(Events.messageAt(expired, "alice", List.of("bob"), old));
        try (PersistenceWorker keepingAll = scope.startWorker(Map.of())) {
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= event);
        }
        try (PersistenceWorker worker = scope.startWorker(THREE_DAYS);
                Connection other = DriverManager.getConnection(db.env().get("HERALD_DB_URL"),
                        db.env().getOrDefault("HERALD_DB_USER", "postgres"), db.env().getOrDefault("HERALD_DB_PASSWORD", ""))) {
            RetentionRun run = worker.retentionRun(RetentionCutoff.days(3, Clock.systemUTC()));
            DSL.using(other).fetchValue("select pg_advisory_lock(?)", RetentionRun.LOCK_KEY);

            assertThat(run.run()).isEqualTo(Optional.empty());
            assertThat(dsl.fetchCount(MESSAGES)).isEqualTo(1);

            DSL.using(other).fetchValue("select pg_advisory_unlock(?)", RetentionRun.LOCK_KEY);
            assertThat(run.run()).hasValueSatisfying(report -> assertThat(report.messages()).isEqualTo(1));
            assertThat(dsl.fetchCount(MESSAGES)).isZero();
        }
    }

    private static StreamEvent announcementAt(UUID id, Instant at) {
        StreamEvent event = RoomEvents.announcement(id, "root");
        return event.toBuilder().setMessageCreated(event.getMessageCreated().toBuilder()
                .setCreatedAt(Events.timestamp(at))).build();
    }

    private void assertGone(long sequence) {
        assertThatThrownBy(() -> jsm.getMessage(scope.stream(), sequence))
                .isInstanceOfSatisfying(JetStreamApiException.class,
                        e -> assertThat(e.getApiErrorCode()).isEqualTo(NO_MESSAGE_FOUND));
    }
}
