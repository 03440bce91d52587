package dev.herald.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.config.Env;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.FreePorts;
import dev.herald.testing.OpsEndpoint;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.NatsExtension;
import dev.herald.worker.testing.StreamPublisher;
import dev.herald.worker.testing.Uuids;
import dev.herald.worker.testing.WorkerScope;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker's operations endpoint, scraped over HTTP from a real worker (real nats-server, a PostgreSQL of its own
 * the test stops and starts): the meters count exactly what was consumed, and readiness follows PostgreSQL.
 */
class WorkerOpsIT {

    @RegisterExtension
    static final NatsExtension nats = new NatsExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final int port = FreePorts.find();
    private Path dataDir;
    private EmbeddedPostgres postgres;

    @BeforeEach
    void startPostgres() throws IOException {
        dataDir = Files.createTempDirectory("herald-pg-");
        postgres = startPostgres(port, dataDir);
        try (Database owner = new Database(DatabaseConfig.from(Env.of(dbEnv())), "migrate")) {
            owner.migrate();
        }
    }

    @AfterEach
    void stopPostgres() throws IOException {
        postgres.close();
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void metersCountWhatWasConsumedAndTheLagDrainsToZero() {
        WorkerScope scope = new WorkerScope(nats, dbEnv());
        StreamPublisher publisher = scope.publisher();
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(Events.message(Uuids.v7(), "user-" + i, List.of("user-" + (i + 1))));
        }
        publisher.publishAll(events);
        publisher.publishRaw("not a protobuf at all".getBytes(StandardCharsets.UTF_8));

        try (PersistenceWorker worker = scope.startWorker(Map.of("HERALD_WORKER_BATCH_SIZE", "10"))) {
            await().atMost(TIMEOUT).until(() -> worker.stats().messages() == 30 && worker.stats().deadLettered() == 1);
            OpsEndpoint ops = new OpsEndpoint(worker.opsPort());
            String scrape = ops.metrics();

            assertThat(OpsEndpoint.sample(scrape, "herald_worker_events_total", "outcome=\"stored\"")).hasValue(30);
            assertThat(OpsEndpoint.sample(scrape, "herald_worker_events_total", "outcome=\"dead_lettered\""))
                    .hasValue(1);
            assertThat(OpsEndpoint.sample(scrape, "herald_worker_events_total", "outcome=\"retried\"")).hasValue(0);
            assertThat(OpsEndpoint.sample(scrape, "herald_worker_dead_letters_total")).hasValue(1);
            // Every decodable event went through exactly one write, in batches of at most 10.
            assertThat(OpsEndpoint.sample(scrape, "herald_worker_batch_size_sum")).hasValue(30);
            assertThat(OpsEndpoint.sample(scrape, "herald_worker_batch_size_count").orElseThrow()).isBetween(3.0, 30.0);
            assertThat(OpsEndpoint.sample(scrape, "herald_worker_batch_size_max").orElseThrow()).isLessThanOrEqualTo(10);
            assertThat(OpsEndpoint.sample(scrape, "herald_worker_batch_write_duration_seconds_count"))
                    .isEqualTo(OpsEndpoint.sample(scrape, "herald_worker_batch_size_count"));
            assertThat(OpsEndpoint.sample(scrape, "herald_worker_batch_write_duration_seconds_bucket", "le=\"+Inf\""))
                    .isEqualTo(OpsEndpoint.sample(scrape, "herald_worker_batch_size_count"));
            assertThat(OpsEndpoint.sample(scrape, "herald_worker_redeliveries_total")).hasValue(0);
            assertThat(OpsEndpoint.sample(scrape, "herald_worker_write_failures_total")).hasValue(0);
            assertThat(OpsEndpoint.sample(scrape, "herald_nats_connected", "service=\"persistence-worker\""))
                    .hasValue(1);
            assertThat(OpsEndpoint.sample(scrape, "hikaricp_connections_max", "pool=\"worker\"")).hasValue(8);
            assertThat(OpsEndpoint.sample(scrape, "jvm_threads_live_threads")).isPresent();
            // Read every 5 s off the scrape thread: nothing pending once everything is acked.
            await().atMost(TIMEOUT).until(() -> ops.value("herald_worker_consumer_pending") == 0
                    && ops.value("herald_worker_consumer_ack_pending") == 0);
        }
    }

    @Test
    void readyWhileConsumingAndPostgresAnswersAndNotWhileItIsGone() throws IOException {
        WorkerScope scope = new WorkerScope(nats, dbEnv());
        try (PersistenceWorker worker = scope.startWorker(Map.of())) {
            OpsEndpoint ops = new OpsEndpoint(worker.opsPort());
            assertThat(ops.get("/health/live").statusCode()).isEqualTo(200);
            await().atMost(TIMEOUT).until(() -> ops.get("/health/ready").statusCode() == 200);
            assertThat(ops.get("/health/ready").body()).startsWith("{\"status\":\"UP\"")
                    .contains("\"consumer\":{\"ready\":true,\"detail\":\"consuming " + scope.durable() + "\"}",
                            "\"nats\":{\"ready\":true", "\"postgresql\":{\"ready\":true");

            postgres.close();
            await().atMost(TIMEOUT).until(() -> ops.get("/health/ready").statusCode() == 503);
            HttpResponse<String> notReady = ops.get("/health/ready");
            assertThat(notReady.body()).startsWith("{\"status\":\"DOWN\"")
                    .contains("\"postgresql\":{\"ready\":false").contains("\"consumer\":{\"ready\":true");

            postgres = startPostgres(port, dataDir);
            await().atMost(TIMEOUT).until(() -> ops.get("/health/ready").statusCode() == 200);
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
