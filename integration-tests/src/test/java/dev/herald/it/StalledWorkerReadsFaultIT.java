package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fault matrix, row f: the worker stops (a worker far behind) under load. Sends are still acked; reads, which wait
 * for the persistence watermark, wait at most {@code HERALD_STORED_WAIT_MS} and then answer with what is stored.
 * When the worker is back everything acked is stored once.
 */
class StalledWorkerReadsFaultIT {

    private static final Duration STORED_WAIT = Duration.ofMillis(1000);
    /** Room for the call itself on a busy two-core machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    @Test
    void readsWaitAtMostTheStoredWaitWhileTheWorkerIsStopped() throws Exception {
        Map<String, String> settings = Map.of("HERALD_STORED_WAIT_MS", Long.toString(STORED_WAIT.toMillis()));
        try (HeraldStack stack = HeraldStack.startWithoutWorker(PostgresHandle.testDatabase(), settings);
             WsClient reader = stack.online("reader", "Reader"); WsClient writer = stack.online("writer", "Writer")) {
            stack.startWorker();
            JsonNode warmUp = writer.request("message", Map.of("receivers", List.of("reader"), "body", "warm-up"));
            // Each read once while the worker keeps up, so the measured ones do not pay for a cold JVM.
            reader.request("sync", Map.of("after", ""));
            reader.request("inbox", Map.of());
            reader.request("get", Map.of("id", warmUp.path("data").path("id").asText()));
            try (TrackedLoad load = TrackedLoad.start(List.of(stack.socketUri()), id -> stack.token(id, id),
                    TrackedLoad.Shape.standard())) {
                load.awaitMoreAcked(200);
                stack.stopWorker();
                load.awaitMoreAcked(200); // acked with no worker: the watermark stays behind the stream
                JsonNode sent = writer.request("message", Map.of("receivers", List.of("reader"), "body", "unstored"));
                String id = sent.path("data").path("id").asText();

                assertAnsweredWithinTheBound(reader, "sync", Map.of("after", ""), "ack");
                assertAnsweredWithinTheBound(reader, "inbox", Map.of(), "ack");
                JsonNode notYet = assertAnsweredWithinTheBound(reader, "get", Map.of("id", id), "exception");
                assertThat(notYet.path("data").path("status").asText()).isEqualTo("NOT_FOUND"); // not stored yet

                stack.startWorker();
                load.awaitMoreAcked(200);
                load.finish("stalled-worker-reads", stack::sql).printAndCheck();
                assertThat(reader.request("get", Map.of("id", id)).path("event").asText()).isEqualTo("ack");
            }
        }
    }

    /** The read waited for the watermark (at least the bound, since it cannot pass) and answered soon after. */
    private static JsonNode assertAnsweredWithinTheBound(WsClient reader, String event, Map<String, Object> data,
            String answer) {
        long started = System.nanoTime();
        JsonNode reply = reader.request(event, data);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("fault-matrix row=stalled-worker-reads %s answered %s in %d ms (bound %d ms)%n",
                event, reply.path("event").asText(), took.toMillis(), STORED_WAIT.toMillis());
        assertThat(reply.path("event").asText()).as("%s answer: %s", event, reply).isEqualTo(answer);
        assertThat(took).as(event + " duration").isGreaterThanOrEqualTo(STORED_WAIT.minusMillis(50))
                .isLessThanOrEqualTo(STORED_WAIT.plus(SLACK));
        return reply;
    }
}
