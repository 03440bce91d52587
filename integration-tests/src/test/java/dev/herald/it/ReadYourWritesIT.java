package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After the ack of a write, the writer's next request sees it, whatever the persistence worker's lag: {@code get}
 * right after {@code read}, {@code delete} or a sender's {@code recall}, and a second {@code read} of a message is
 * no new read (no second receipt).
 */
class ReadYourWritesIT {

    private static final int TRIES = 3;
    static HeraldStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        // A worker that lags: each batch waits 200 ms to fill, so a write lands in PostgreSQL well after its ack.
        stack = HeraldStack.start(Map.of("HERALD_WORKER_BATCH_MAX_WAIT_MS", "200"));
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    void getRightAfterReadDeleteAndRecallSeesTheWriteAndASecondReadChangesNothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (WsClient alice = stack.online("alice-" + suffix, "Alice");
             WsClient bob = stack.online("bob-" + suffix, "Bob")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3 * TRIES; i++) {
                ids.add(alice.request("message", Map.of("receivers", List.of("bob-" + suffix), "body", "m" + i))
                        .path("data").path("id").asText());
            }
            for (String id : ids.subList(0, TRIES)) {
                JsonNode first = bob.request("read", Map.of("ids", List.of(id)));
                JsonNode second = bob.request("read", Map.of("ids", List.of(id)));
                JsonNode got = bob.request("get", Map.of("id", id));
                assertThat(first.path("data").path("changed")).extracting(JsonNode::asText).containsExactly(id);
                assertThat(second.path("data").path("changed")).as("a second read of %s", id).isEmpty();
                assertThat(second.path("data").path("unknown")).isEmpty();
                assertThat(got.path("data").path("message").path("readAt").asText())
                        .isEqualTo(first.path("data").path("readAt").asText());
            }
            for (String id : ids.subList(TRIES, 2 * TRIES)) {
                bob.request("delete", Map.of("ids", List.of(id)));
                assertThat(bob.request("get", Map.of("id", id)).path("data").path("status").asText())
                        .as("get right after delete").isEqualTo("NOT_FOUND");
            }
            for (String id : ids.subList(2 * TRIES, 3 * TRIES)) {
                alice.request("recall", Map.of("ids", List.of(id)));
                assertThat(alice.request("recall", Map.of("ids", List.of(id))).path("data").path("changed"))
                        .as("a second recall").isEmpty();
                assertThat(bob.request("get", Map.of("id", id)).path("data").path("status").asText())
                        .as("the receiver's get right after the recall").isEqualTo("NOT_FOUND");
            }
            // One receipt per read, ever: the sender got exactly one per message read.
            bob.request("unread", Map.of());
            alice.request("sent", Map.of());
            assertThat(alice.events("read")).extracting(e -> e.path("data").path("id").asText())
                    .containsExactlyInAnyOrderElementsOf(ids.subList(0, TRIES));
        }
    }
}
