package dev.herald.worker;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jooq.impl.DSL.countDistinct;

import dev.herald.proto.v1.StreamEvent;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.NatsExtension;
import dev.herald.worker.testing.Uuids;
import dev.herald.worker.testing.WorkerScope;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The worker as its own process, killed with SIGKILL mid-stream: nothing is lost, nothing doubled. */
class WorkerCrashIT {

    @RegisterExtension
    static final NatsExtension nats = new NatsExtension();
    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final int TOTAL = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final DSLContext dsl = db.dsl();

    @Test
    void aKilledWorkersInFlightBatchesAreStoredOnceByTheNext() throws Exception {
        WorkerScope scope = new WorkerScope(nats, db.env());
        // Small batches and a short ack wait: the kill lands mid-stream, redelivery comes quickly.
        Map<String, String> env = scope.env(Map.of("HERALD_WORKER_BATCH_SIZE", "5",
                "HERALD_WORKER_ACK_WAIT_SECONDS", "2", "HERALD_WORKER_MAX_BACKOFF_MS", "500"));
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            events.add(Events.message(Uuids.v7(), "sender-" + i % 7, List.of("bob", "carol")));
        }

        Process first = startWorker(env, "first");
        try {
            scope.publisher().publishAll(events);
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> messages() >= 100);
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        int storedBeforeKill = messages();
        assertThat(storedBeforeKill).as("killed mid-stream").isBetween(1, TOTAL - 1);

        Process second = startWorker(env, "second");
        try {
            await().atMost(TIMEOUT).until(() -> messages() == TOTAL);
            await().atMost(TIMEOUT).untilAsserted(() -> {
                var info = scope.consumerInfo();
                assertThat(info.getNumAckPending()).isZero();
                assertThat(info.getNumPending()).isZero();
            });
        } finally {
            second.destroy(); // SIGTERM: the shutdown hook closes the worker gracefully
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(dsl.fetchCount(MESSAGES)).isEqualTo(TOTAL);
        assertThat(dsl.select(countDistinct(MESSAGES.STREAM_SEQUENCE)).from(MESSAGES).fetchOne(0, Integer.class))
                .isEqualTo(TOTAL);
        assertThat(dsl.fetchCount(RECEIPTS)).isEqualTo(2 * TOTAL);
    }

    private int messages() {
        return dsl.fetchCount(MESSAGES);
    }

    private static Process startWorker(Map<String, String> env, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        builder.environment().putAll(env);
        File log = Path.of("target", "WorkerCrashIT-" + name + ".log").toFile();
        return builder.redirectErrorStream(true).redirectOutput(log).start();
    }
}
