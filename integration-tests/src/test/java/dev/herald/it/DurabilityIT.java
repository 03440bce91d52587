package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acked is ever lost or stored twice when PostgreSQL is down. (Killing the worker is row e of the fault
 * matrix, WorkerKillFaultIT.)
 */
class DurabilityIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * These tests pipeline up to 1,000 sends on one socket to have many writes in flight; the per-socket and
     * per-user limits (tested by FloodAttackIT) would refuse most of them.
     */
    static final Map<String, String> PIPELINING = Map.of(
            "HERALD_SOCKET_MAX_IN_FLIGHT", "1024",
            "HERALD_CALLER_MAX_CONCURRENT", "1024",
            "HERALD_USER_SEND_BURST", "5000");

    @Test
    void sendsAreAckedWhilePostgresIsDownAndEverythingLandsWhenItIsBack(@TempDir Path dataDir) throws Exception {
        PostgresHandle.Embedded postgres = new PostgresHandle.Embedded(dataDir, FreePorts.find());
        try (HeraldStack stack = HeraldStack.startWithoutWorker(postgres, PIPELINING);
             WsClient bob = stack.online("bob", "Bob"); WsClient alice = stack.online("alice", "Alice")) {
            stack.startWorker();
            Rows rows = new Rows(stack);
            int sent = sendBurst(alice, 0, 200);
            await().atMost(WAIT).until(() -> rows.messagesFrom("alice") == sent);

            postgres.stop();
            int whileDown = 0;
            for (int burst = 0; burst < 5; burst++) {
                whileDown += sendBurst(alice, sent + whileDown, 100);
                awaitMessageAcks(alice, sent + whileDown);
            }
            // The worker has run into the outage and is backing off; no send was refused.
            await().atMost(WAIT).until(() -> stack.workerFailures() >= 2);
            assertThat(alice.events("exception")).isEmpty();
            postgres.start();

            int total = sent + whileDown;
            await().atMost(WAIT).until(() -> rows.messagesFrom("alice") == total);
            assertThat(rows.count("select count(*) from receipts where receiver_id = 'bob'")).isEqualTo(total);
            assertThat(rows.count("select count(distinct body) from messages where sender_id = 'alice'"))
                    .isEqualTo(total);
        }
    }

    /** Waits for exactly {@code count} acks of messages (the online ack is not counted). */
    private static void awaitMessageAcks(WsClient client, int count) {
        await().atMost(WAIT).until(() -> messageAcks(client) >= count);
        assertThat(messageAcks(client)).isEqualTo(count);
    }

    private static long messageAcks(WsClient client) {
        return client.events("ack").stream().filter(f -> f.path("id").asText().startsWith("m")).count();
    }

    /** Sends {@code count} numbered messages from alice to bob without waiting for acks. */
    private static int sendBurst(WsClient alice, int first, int count) {
        for (int i = first; i < first + count; i++) {
            alice.sendText("{\"event\":\"message\",\"id\":\"m" + i
                    + "\",\"data\":{\"receivers\":[\"bob\"],\"body\":\"n" + i + "\"}}");
        }
        return count;
    }
}
