package dev.herald.worker;

import dev.herald.config.Env;
import static dev.herald.schema.generated.Tables.DEAD_LETTERS;
import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.FreePorts;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.NatsExtension;
import dev.herald.worker.testing.StreamPublisher;
import dev.herald.worker.testing.Uuids;
import dev.herald.worker.testing.WorkerScope;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL stops under a steady stream of publishes and comes back: the worker keeps running,
 * and every message published meanwhile lands exactly once.
 */
class DatabaseOutageIT {

    @RegisterExtension
    static final NatsExtension nats = new NatsExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int BURST = 20;
    /** Bounds the publisher whatever happens. */
    private static final int MAX_PUBLISHED = 100_000;

    private final int port = FreePorts.find();
    private Path dataDir;
    private EmbeddedPostgres postgres;
    private Database assertions;

    @BeforeEach
    void startPostgres() throws IOException {
        dataDir = Files.createTempDirectory("herald-pg-");
        postgres = startPostgres(port, dataDir);
        assertions = new Database(DatabaseConfig.from(Env.of(dbEnv())), "assertions");
        assertions.migrate();
    }

    @AfterEach
    void stopPostgres() throws IOException {
        assertions.close();
        postgres.close();
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void everyMessagePublishedDuringAnOutageLandsExactlyOnce() throws Exception {
        WorkerScope scope = new WorkerScope(nats, dbEnv());
        Set<UUID> published = ConcurrentHashMap.newKeySet();
        StreamPublisher stream = scope.publisher();
        // A steady stream: a burst every 10 ms, about 2,000 messages/s.
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        publisher.scheduleAtFixedRate(() -> {
            for (int i = 0; i < BURST && published.size() < MAX_PUBLISHED; i++) {
                UUID id = Uuids.v7();
                stream.publish(Events.message(id, "alice", List.of("bob")));
                published.add(id);
            }
        }, 0, 10, TimeUnit.MILLISECONDS);

        try (PersistenceWorker worker = scope.startWorker(Map.of("HERALD_WORKER_MAX_BACKOFF_MS", "1000"))) {
            await().atMost(TIMEOUT).until(() -> stored() >= 500);

            postgres.close();
            int publishedAtOutage = published.size();
            // Publishing goes on (JetStream acks it) while every write fails for a few seconds.
            await().pollDelay(Duration.ofSeconds(3)).atMost(TIMEOUT)
                    .until(() -> worker.stats().failures() > 0 && published.size() > publishedAtOutage);
            postgres = startPostgres(port, dataDir);

            long failuresAtRestart = worker.stats().failures();
            await().atMost(TIMEOUT).until(() -> stored() > publishedAtOutage);
            publisher.shutdown();
            assertThat(publisher.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            await().atMost(TIMEOUT).until(() -> stored() == published.size());
            assertThat(assertions.dsl().select(MESSAGES.ID).from(MESSAGES).fetch(MESSAGES.ID).stream()
                    .collect(Collectors.toSet())).isEqualTo(published);
            assertThat(assertions.dsl().fetchCount(RECEIPTS)).isEqualTo(published.size());
            assertThat(failuresAtRestart).isPositive();
            // An outage is transient: nothing of it may end up as a dead letter.
            assertThat(worker.stats().deadLettered()).isZero();
            assertThat(assertions.dsl().fetchCount(DEAD_LETTERS)).isZero();
            await().atMost(TIMEOUT).until(() -> scope.consumerInfo().getNumAckPending() == 0);
        } finally {
            publisher.shutdownNow();
        }
    }

    private int stored() {
        try {
            return assertions.dsl().fetchCount(MESSAGES);
        } catch (org.jooq.exception.DataAccessException e) {
            return -1; // PostgreSQL is down or coming back
        }
    }

    private Map<String, String> dbEnv() {
        return Map.of("HERALD_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "HERALD_DB_USER", "postgres", "HERALD_DB_PASSWORD", "");
    }

    private static EmbeddedPostgres startPostgres(int port, Path dataDir) throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false).start();
    }
}
