package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Direct messages from socket to socket through all three services, stored in PostgreSQL. */
class DirectMessagingIT {

    static HeraldStack stack;
    static Rows rows;
    static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
        rows = new Rows(stack);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void onlineIsAckedWithTheUserFromTheToken() {
        try (WsClient socket = stack.connect()) {
            JsonNode ack = socket.request("online", Map.of("token", stack.token("olga", "Olga K")));

            assertThat(ack.path("event").asText()).isEqualTo("ack");
            assertThat(ack.path("data").path("user").path("id").asText()).isEqualTo("olga");
            assertThat(ack.path("data").path("user").path("name").asText()).isEqualTo("Olga K");
        }
    }

    @Test
    void aMessageFromAliceReachesBobAndIsStored() {
        try (WsClient bob = stack.online("bob", "Bob"); WsClient alice = stack.online("alice", "Alice")) {
            JsonNode ack = alice.request("message", Map.of("receivers", List.of("bob"), "body", "hello bob",
                    "title", "greeting", "type", "text"));

            assertThat(ack.path("event").asText()).isEqualTo("ack");
            String id = ack.path("data").path("id").asText();
            Instant createdAt = Instant.parse(ack.path("data").path("createdAt").asText());
            JsonNode message = bob.awaitEvents("message", 1, WAIT).getFirst().path("data");
            assertThat(message.path("id").asText()).isEqualTo(id);
            assertThat(message.path("sender").path("id").asText()).isEqualTo("alice");
            assertThat(message.path("sender").path("name").asText()).isEqualTo("Alice");
            assertThat(message.path("receivers")).extracting(JsonNode::asText).containsExactly("bob");
            assertThat(message.path("title").asText()).isEqualTo("greeting");
            assertThat(message.path("body").asText()).isEqualTo("hello bob");
            assertThat(message.path("type").asText()).isEqualTo("text");
            assertThat(Instant.parse(message.path("createdAt").asText())).isEqualTo(createdAt);

            await().atMost(WAIT).until(() -> rows.hasReceipt(id, "bob"));
            assertThat(rows.count("select count(*) from messages where id = ?::uuid and sender_id = 'alice'"
                    + " and body = 'hello bob' and title = 'greeting'", id)).isEqualTo(1);
            assertThat(alice.events("message")).isEmpty();
        }
    }

    @Test
    void aMessageToSeveralReceiversReachesEachAndHasAReceiptPerReceiver() {
        try (WsClient carol = stack.online("carol", "Carol"); WsClient dan = stack.online("dan", "Dan");
             WsClient eve = stack.online("eve", "Eve")) {
            JsonNode ack = eve.request("message", Map.of("receivers", List.of("carol", "dan"), "body", "to both"));
            String id = ack.path("data").path("id").asText();

            assertThat(carol.awaitEvents("message", 1, WAIT).getFirst().path("data").path("id").asText()).isEqualTo(id);
            assertThat(dan.awaitEvents("message", 1, WAIT).getFirst().path("data").path("id").asText()).isEqualTo(id);
            await().atMost(WAIT).until(() -> rows.receiptsOf(id) == 2);
        }
    }

    @Test
    void theSendersOtherSocketsGetTheMessageButTheSendingSocketGetsOnlyTheAck() {
        try (WsClient fay = stack.online("fay", "Fay"); WsClient gus = stack.online("gus", "Gus");
             WsClient gusTablet = stack.online("gus", "Gus")) {
            JsonNode ack = gus.request("message", Map.of("receivers", List.of("fay"), "body", "from my phone"));
            String id = ack.path("data").path("id").asText();

            assertThat(gusTablet.awaitEvents("message", 1, WAIT).getFirst().path("data").path("id").asText())
                    .isEqualTo(id);
            assertThat(fay.awaitEvents("message", 1, WAIT)).hasSize(1);
            await().atMost(WAIT).until(() -> rows.receiptsOf(id) == 1);
            assertThat(gus.events("message")).isEmpty();
        }
    }

    @Test
    void aReceiverWhoIsOfflineIsStillAReceiverOfTheStoredMessage() {
        try (WsClient hal = stack.online("hal", "Hal")) {
            hal.sendText("{\"event\":\"offline\"}");
            hal.awaitClose(WAIT);
        }
        try (WsClient ivy = stack.online("ivy", "Ivy")) {
            JsonNode ack = ivy.request("message", Map.of("receivers", List.of("hal"), "body", "see you later"));

            assertThat(ack.path("event").asText()).isEqualTo("ack");
            String id = ack.path("data").path("id").asText();
            await().atMost(WAIT).until(() -> rows.hasReceipt(id, "hal"));
        }
    }

    @Test
    void aRetriedClientIdReturnsTheSameIdAndIsStoredAndDeliveredOnce() {
        try (WsClient jo = stack.online("jo", "Jo"); WsClient kim = stack.online("kim", "Kim")) {
            Map<String, Object> message = Map.of("receivers", List.of("jo"), "body", "exactly once", "clientId", "k-1");
            String first = kim.request("message", message).path("data").path("id").asText();
            String retry = kim.request("message", message).path("data").path("id").asText();

            assertThat(retry).isEqualTo(first);
            await().atMost(WAIT).until(() -> rows.receiptsOf(first) == 1);
            assertThat(rows.count("select count(*) from messages where sender_id = 'kim' and client_id = 'k-1'"))
                    .isEqualTo(1);
            // A later marker proves nothing else is on its way to jo.
            kim.request("message", Map.of("receivers", List.of("jo"), "body", "marker"));
            assertThat(jo.awaitEvents("message", 2, WAIT)).extracting(f -> f.path("data").path("body").asText())
                    .containsExactly("exactly once", "marker");
        }
    }

    @Test
    void aRetryAfterReconnectingReturnsTheOriginalId() {
        try (WsClient lea = stack.online("lea", "Lea")) {
            String first;
            try (WsClient max = stack.online("max", "Max")) {
                first = max.request("message", Map.of("receivers", List.of("lea"), "body", "b", "clientId", "r-9"))
                        .path("data").path("id").asText();
            }
            await().atMost(WAIT).until(() -> rows.receiptsOf(first) == 1);
            try (WsClient maxAgain = stack.online("max", "Max")) {
                String retry = maxAgain.request("message",
                        Map.of("receivers", List.of("lea"), "body", "b", "clientId", "r-9")).path("data").path("id").asText();
                assertThat(retry).isEqualTo(first);
            }
            assertThat(rows.messagesFrom("max")).isEqualTo(1);
        }
    }

    @Test
    void aMessageSentRightBehindOnlineIsCarriedOutAfterTheSignIn() {
        try (WsClient pia = stack.online("pia", "Pia"); WsClient rex = stack.connect()) {
            // No waiting for the online ack: the gateway holds the message until rex is signed in.
            rex.sendText("{\"event\":\"online\",\"id\":\"o1\",\"data\":{\"token\":\""
                    + stack.token("rex", "Rex") + "\"}}");
            rex.sendText("{\"event\":\"message\",\"id\":\"m1\",\"data\":{\"receivers\":[\"pia\"],"
                    + "\"body\":\"pipelined\"}}");

            JsonNode sent = rex.await(f -> "m1".equals(f.path("id").asText()), WAIT);
            assertThat(sent.path("event").asText()).as("reply %s", sent).isEqualTo("ack");
            assertThat(rex.events("ack").getFirst().path("id").asText()).isEqualTo("o1");
            JsonNode delivered = pia.awaitEvents("message", 1, WAIT).getFirst();
            assertThat(delivered.at("/data/body").asText()).isEqualTo("pipelined");
            assertThat(delivered.at("/data/sender/id").asText()).isEqualTo("rex");
        }
    }

    @Test
    void offlineEndsTheSessionWithNormalClosure() {
        try (WsClient ned = stack.online("ned", "Ned")) {
            ned.sendText("{\"event\":\"offline\"}");

            CloseReason reason = ned.awaitClose(WAIT);
            assertThat(reason.getCloseCode().getCode()).isEqualTo(1000);
        }
    }
}
