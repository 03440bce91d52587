package dev.herald.worker.retention;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.StreamEvent;
import dev.herald.worker.PersistenceWorker;
import dev.herald.worker.store.RetentionCutoff;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.NatsExtension;
import dev.herald.worker.testing.StreamPublisher;
import dev.herald.worker.testing.Uuids;
import dev.herald.worker.testing.WorkerScope;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What retention costs (docs/operations.md, "Retention"): rows deleted per second alone, and the worker's write rate
 * draining a backlog with and without a retention run beside it. Small by default; for the documented figures run
 * with {@code -Dherald.retention.cost.expired=200000 -Dherald.retention.cost.backlog=50000}.
 */
class RetentionCostIT {

    private static final Logger logger = LoggerFactory.getLogger(RetentionCostIT.class);

    @RegisterExtension
    static final NatsExtension nats = new NatsExtension();
    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final int EXPIRED = Integer.getInteger("herald.retention.cost.expired", 5_000);
    private static final int BACKLOG = Integer.getInteger("herald.retention.cost.backlog", 5_000);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Map<String, String> TEN_DAYS = Map.of("HERALD_RETENTION_DAYS", "10");

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
    void measuresDeletionAndTheWriteRateBesideIt() throws Exception {
        insertExpired(EXPIRED);
        RetentionReport alone;
        try (PersistenceWorker worker = scope.startWorker(TEN_DAYS)) {
            alone = run(worker);
        }
        assertThat(alone.messages()).isEqualTo(EXPIRED);

        double without = drainRate(null);
        insertExpired(EXPIRED);
        CompletableFuture<RetentionReport> beside = new CompletableFuture<>();
        double with = drainRate(beside);

        assertThat(beside.join().messages()).isEqualTo(EXPIRED);
        assertThat(dsl.fetchCount(MESSAGES)).isEqualTo(2 * BACKLOG);
        logger.atInfo().addKeyValue("expired", EXPIRED).addKeyValue("backlog", BACKLOG)
                .addKeyValue("aloneRowsPerSecond", Math.round(alone.rowsPerSecond()))
                .addKeyValue("aloneMs", alone.elapsed().toMillis())
                .addKeyValue("besideRowsPerSecond", Math.round(beside.join().rowsPerSecond()))
                .addKeyValue("besideMs", beside.join().elapsed().toMillis())
                .addKeyValue("writesPerSecondWithout", Math.round(without))
                .addKeyValue("writesPerSecondWith", Math.round(with))
                .log("retention cost");
    }

    /** Publishes a backlog, then starts a worker (and the retention run, when {@code report} is given) and times it. */
    private double drainRate(CompletableFuture<RetentionReport> report) throws Exception {
        List<StreamEvent> events = new ArrayList<>(BACKLOG);
        for (int i = 0; i < BACKLOG; i++) {
            events.add(Events.message(Uuids.v7(), "sender" + (i % 50), List.of("receiver" + (i % 500))));
        }
        List<Long> sequences = publisher.publishAll(events);
        long last = sequences.getLast();
        try (PersistenceWorker worker = scope.startWorker(TEN_DAYS)) {
            long started = System.nanoTime();
            if (report != null) {
                Thread.ofPlatform().start(() -> {
                    try {
                        report.complete(run(worker));
                    } catch (Throwable e) {
                        report.completeExceptionally(e);
                    }
                });
            }
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> scope.consumerInfo().getAckFloor().getStreamSequence() >= last);
            double rate = BACKLOG / ((System.nanoTime() - started) / 1e9);
            if (report != null) {
                report.join();
            }
            return rate;
        }
    }

    private static RetentionReport run(PersistenceWorker worker) throws Exception {
        return worker.retentionRun(RetentionCutoff.days(10, Clock.systemUTC())).run().orElseThrow();
    }

    /** {@code count} messages of 20 days ago, each with two receipts, by SQL (their events are long gone). */
    private void insertExpired(int count) {
        dsl.execute("""
                insert into messages (id, sender_id, sender_name, title, body, type, created_at, stream_sequence)
                select (lpad(to_hex((extract(epoch from t) * 1000)::bigint), 12, '0') || '7000' || '8000'
                        || lpad(to_hex(i), 12, '0'))::uuid,
                       'old' || (i % 50), 'Old', '', repeat('x', 200), 'text', t, 0
                from generate_series(1, ?) i, lateral (select now() - interval '20 days' + i * interval '1 ms') s(t)""",
                count);
        dsl.execute("""
                insert into receipts (receiver_id, message_id, stream_sequence)
                select r, id, 0 from messages, (values ('a'), ('b')) v(r) where stream_sequence = 0""");
        assertThat(dsl.fetchCount(RECEIPTS)).isGreaterThanOrEqualTo(2 * count);
    }
}
