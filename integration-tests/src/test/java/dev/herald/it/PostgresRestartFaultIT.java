package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix, row d: PostgreSQL (an embedded server of the test's own) is stopped under load and started again.
 * Sends keep being acked, since an ack needs only JetStream; the worker backs off, and once PostgreSQL is back
 * stores the backlog, each message once.
 */
class PostgresRestartFaultIT {

    @Test
    void sendsAreAckedThroughAPostgresRestartAndAllAreStoredOnce(@TempDir Path dataDir) throws Exception {
        PostgresHandle.Embedded postgres = new PostgresHandle.Embedded(dataDir, FreePorts.find());
        try (HeraldStack stack = HeraldStack.startWithoutWorker(postgres, Map.of())) {
            stack.startWorker();
            try (TrackedLoad load = TrackedLoad.start(List.of(stack.socketUri()), id -> stack.token(id, id),
                    TrackedLoad.Shape.standard())) {
                load.awaitMoreAcked(300);
                postgres.stop();
                long outageStarted = System.nanoTime();
                int ackedBefore = load.acked();
                // Acked, but slowly: each send with a clientId first waits out the pool's connection timeout (5 s)
                // checking the table for an older owner (ClientIdRegistry), so a few acks are all a minute brings.
                load.awaitMoreAcked(6);
                // The worker has run into the outage and is backing off.
                await().atMost(Duration.ofSeconds(60)).until(() -> stack.workerFailures() >= 2);
                System.out.printf("fault-matrix row=postgres-restart acked %d while PostgreSQL was down for %.1f s%n",
                        load.acked() - ackedBefore, (System.nanoTime() - outageStarted) / 1e9);
                postgres.start();
                load.awaitMoreAcked(300);
                FaultReport report = load.finish("postgres-restart", stack::sql).printAndCheck();
                assertThat(report.refused()).as("sends refused while PostgreSQL was down").isZero();
            }
        }
    }
}
