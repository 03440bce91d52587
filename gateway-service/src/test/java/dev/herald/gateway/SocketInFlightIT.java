package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One socket may have {@code HERALD_SOCKET_MAX_IN_FLIGHT} requests in flight: past it a request is refused at
 * once, the socket stays open, the user's other sockets are not held back, and answers free the slots.
 */
class SocketInFlightIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of("HERALD_SOCKET_MAX_IN_FLIGHT", "2"));

    @Test
    void aSocketPastItsBoundIsRefusedAtOnceWhileItsUsersOtherSocketSends() throws Exception {
        String bob = GatewayExtension.user("bob");
        String aliceId = GatewayExtension.user("alice");
        TestClient alice = env.online(aliceId);
        TestClient alicesOtherTab = env.online(aliceId);
        int sendsBefore = env.backend().sends.size();
        env.backend().holdSends();
        try {
            alice.message("m1", "one", bob);
            alice.message("m2", "two", bob);
            await().atMost(Duration.ofSeconds(5)).until(() -> env.backend().sends.size() == sendsBefore + 2);

            alice.message("m3", "three", bob);
            JsonNode refused = answer(alice);
            assertThat(refused.path("event").asText()).isEqualTo("exception");
            assertThat(refused.path("id").asText()).isEqualTo("m3");
            assertThat(refused.at("/data/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
            assertThat(refused.at("/data/message").asText())
                    .isEqualTo("too many requests in flight on this socket: at most 2, send more as answers arrive");
            assertThat(refused.at("/data/retryAfterMs").isMissingNode()).isTrue();
            alice.send("sync", "s1", "{}"); // every request to the message-service counts, not only sends
            assertThat(answer(alice).at("/data/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
            assertThat(env.backend().apiRequests).noneMatch(call -> call.method().endsWith("/Sync"));

            alicesOtherTab.message("t1", "from the other tab", bob); // the bound is per socket
            await().atMost(Duration.ofSeconds(5)).until(() -> env.backend().sends.size() == sendsBefore + 3);
            assertThat(alice.isOpen()).isTrue();
        } finally {
            env.backend().releaseSends();
        }

        Map<String, String> answered = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            JsonNode ack = answer(alice);
            answered.put(ack.path("id").asText(), ack.path("event").asText());
        }
        assertThat(answered).containsEntry("m1", "ack").containsEntry("m2", "ack");
        JsonNode otherTabAnswer = answer(alicesOtherTab);
        assertThat(otherTabAnswer.path("id").asText()).isEqualTo("t1");
        assertThat(otherTabAnswer.path("event").asText()).isEqualTo("ack");

        alice.message("m4", "four", bob);
        JsonNode admitted = answer(alice);
        assertThat(admitted.path("id").asText()).isEqualTo("m4");
        assertThat(admitted.path("event").asText()).isEqualTo("ack");
    }

    @Test
    void aUserOverItsRateGetsTheWaitAsRetryAfterMs() throws Exception {
        TestClient alice = env.online(GatewayExtension.user("alice"));
        env.backend().rateLimitNextSend("too many sends for this user: retry after 1200 ms",
                Duration.ofMillis(1_199).plusNanos(1));

        alice.message("m1", "one", GatewayExtension.user("bob"));
        JsonNode refused = alice.next();

        assertThat(refused.toString()).isEqualTo("{\"event\":\"exception\",\"id\":\"m1\",\"data\":{"
                + "\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"too many sends for this user: retry after 1200 ms\","
                + "\"retryAfterMs\":1200}}");
        assertThat(alice.isOpen()).isTrue();
    }

    /** The next answer to a request, past the copies of the user's own messages sent from its other socket. */
    private static JsonNode answer(TestClient client) throws Exception {
        JsonNode next = client.next();
        while (next.path("event").asText().equals("message")) {
            next = client.next();
        }
        return next;
    }
}
