package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Past its bound of calls in flight the gateway refuses at once, and admits again once calls end. */
class CallBudgetIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of("HERALD_MAX_CALLS_IN_FLIGHT", "2"));

    @Test
    void refusesARequestPastTheBoundAtOnceAndAdmitsAgainWhenCallsEnd() throws Exception {
        String bob = GatewayExtension.user("bob");
        TestClient alice = env.online(GatewayExtension.user("alice"));
        TestClient other = env.online(GatewayExtension.user("carol"));
        int sendsBefore = env.backend().sends.size();
        env.backend().holdSends();
        try {
            alice.message("m1", "one", bob);
            alice.message("m2", "two", bob);
            await().atMost(Duration.ofSeconds(5)).until(() -> env.backend().sends.size() == sendsBefore + 2);

            // Both slots are taken: another socket's request is refused without reaching the message-service.
            other.message("m3", "three", bob);
            JsonNode refused = other.next();
            assertThat(refused.path("event").asText()).isEqualTo("exception");
            assertThat(refused.path("id").asText()).isEqualTo("m3");
            assertThat(refused.at("/data/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
            assertThat(refused.at("/data/message").asText())
                    .isEqualTo("gateway busy: too many requests in flight, retry");
            assertThat(env.backend().sends).hasSize(sendsBefore + 2);
            assertThat(other.isOpen()).isTrue();
        } finally {
            env.backend().releaseSends();
        }

        Map<String, String> acked = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            JsonNode ack = alice.next();
            acked.put(ack.path("id").asText(), ack.path("event").asText());
        }
        assertThat(acked).containsEntry("m1", "ack").containsEntry("m2", "ack");

        other.message("m4", "four", bob);
        JsonNode admitted = other.next();
        assertThat(admitted.path("event").asText()).isEqualTo("ack");
        assertThat(admitted.path("id").asText()).isEqualTo("m4");
    }
}
