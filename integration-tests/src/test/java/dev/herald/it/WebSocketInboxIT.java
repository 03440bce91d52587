package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The receiver and sender operations over the WebSocket, through all three services. The worker
 * holds each batch for half a second, so reads and changes right after a send race the worker.
 */
class WebSocketInboxIT {

    static HeraldStack stack;
    static Rows rows;
    static final Duration WAIT = Duration.ofSeconds(15);

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of("HERALD_WORKER_BATCH_MAX_WAIT_MS", "500", "HERALD_STORED_WAIT_MS", "10000"));
        rows = new Rows(stack);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void offlineInboxUnreadCountSyncReadReceiptDeleteSentStatesAndRecall() {
        String a = unique("alice");
        String b = unique("bob");
        try (WsClient bobOnce = stack.online(b, "Bob")) {
            bobOnce.sendText("{\"event\":\"offline\"}");
            bobOnce.awaitClose(WAIT);
        }
        try (WsClient alice = stack.online(a, "Alice")) {
            String first = ack(alice.request("message", Map.of("receivers", List.of(b), "body", "while you were out")))
                    .path("id").asText();
            String second = ack(alice.request("message", Map.of("receivers", List.of(b), "body", "second one")))
                    .path("id").asText();

            try (WsClient bob = stack.connect()) {
                JsonNode online = ack(bob.request("online", Map.of("token", stack.token(b, "Bob"))));
                assertThat(online.path("unreadCount").asInt()).isEqualTo(2);

                JsonNode synced = ack(bob.request("sync", Map.of()));
                assertThat(synced.path("messages")).extracting(m -> m.path("message").path("id").asText())
                        .containsExactly(first, second);
                assertThat(synced.path("hasMore").asBoolean()).isFalse();

                JsonNode read = ack(bob.request("read", Map.of("ids", List.of(first))));
                assertThat(read.path("changed")).extracting(JsonNode::asText).containsExactly(first);
                JsonNode receipt = alice.awaitEvents("read", 1, WAIT).getFirst().path("data");
                assertThat(receipt.path("id").asText()).isEqualTo(first);
                assertThat(receipt.path("reader").asText()).isEqualTo(b);
                assertThat(receipt.path("readAt").asText()).isEqualTo(read.path("readAt").asText());
                assertThat(ack(bob.request("unread", Map.of())).path("unread").asInt()).isEqualTo(1);

                JsonNode sent = ack(alice.request("sent", Map.of()));
                JsonNode firstSent = sent.path("messages").get(1);
                assertThat(firstSent.path("message").path("id").asText()).isEqualTo(first);
                assertThat(firstSent.path("receipts").get(0).path("receiverId").asText()).isEqualTo(b);
                assertThat(firstSent.path("receipts").get(0).has("readAt")).isTrue();
                assertThat(sent.path("messages").get(0).path("receipts").get(0).has("readAt")).isFalse();

                assertThat(ack(bob.request("delete", Map.of("ids", List.of(first)))).path("changed"))
                        .extracting(JsonNode::asText).containsExactly(first);
                assertThat(ack(bob.request("inbox", Map.of())).path("messages"))
                        .extracting(m -> m.path("message").path("id").asText()).containsExactly(second);

                assertThat(ack(alice.request("recall", Map.of("ids", List.of(second)))).path("changed"))
                        .extracting(JsonNode::asText).containsExactly(second);
                assertThat(bob.awaitEvents("recalled", 1, WAIT).getFirst().path("data").path("id").asText())
                        .isEqualTo(second);
                assertThat(ack(bob.request("sync", Map.of())).path("messages")).isEmpty();
            }
        }
    }

    @Test
    void aReadAndADeleteRightAfterDeliveryLandOverTheSocket() {
        String c = unique("carol");
        String d = unique("dan");
        try (WsClient carol = stack.online(c, "Carol"); WsClient dan = stack.online(d, "Dan")) {
            // The online acks do not wait for the worker; let it store both users first, so the
            // messages below open a batch of their own, held for the worker's 500 ms.
            await().atMost(WAIT).until(() -> rows.count(
                    "select count(*) from users where id in (?, ?)", c, d) == 2);
            String one = ack(carol.request("message", Map.of("receivers", List.of(d), "body", "one"))).path("id").asText();
            String two = ack(carol.request("message", Map.of("receivers", List.of(d), "body", "two"))).path("id").asText();
            dan.awaitEvents("message", 2, WAIT);
            assertThat(rows.count("select count(*) from messages where id in (?::uuid, ?::uuid)", one, two))
                    .as("not stored yet").isZero();

            assertThat(ack(dan.request("read", Map.of("ids", List.of(one)))).path("changed"))
                    .extracting(JsonNode::asText).containsExactly(one);
            assertThat(ack(dan.request("delete", Map.of("ids", List.of(two)))).path("changed"))
                    .extracting(JsonNode::asText).containsExactly(two);

            await().atMost(WAIT).until(() -> rows.count("select count(*) from receipts where message_id = ?::uuid"
                    + " and read_at is not null", one) == 1 && rows.count("select count(*) from receipts where"
                    + " message_id = ?::uuid and deleted_at is not null", two) == 1);
            assertThat(carol.awaitEvents("read", 1, WAIT).getFirst().path("data").path("id").asText()).isEqualTo(one);
        }
    }

    @Test
    void someoneElsesMessageIsNeverShownOrTouchedOverTheSocket() {
        String e = unique("erin");
        String f = unique("fay");
        String m = unique("mallory");
        try (WsClient erin = stack.online(e, "Erin"); WsClient fay = stack.online(f, "Fay");
             WsClient mallory = stack.online(m, "Mallory")) {
            String id = ack(erin.request("message", Map.of("receivers", List.of(f), "body", "secret"))).path("id").asText();

            JsonNode get = mallory.request("get", Map.of("id", id));
            assertThat(get.path("event").asText()).isEqualTo("exception");
            assertThat(get.path("data").path("status").asText()).isEqualTo("NOT_FOUND");
            for (String event : List.of("read", "delete", "deleteSent", "recall")) {
                JsonNode reply = ack(mallory.request(event, Map.of("ids", List.of(id))));
                assertThat(reply.path("unknown")).as(event).extracting(JsonNode::asText).containsExactly(id);
                assertThat(reply.path("changed")).as(event).isEmpty();
            }
            assertThat(ack(mallory.request("sync", Map.of())).path("messages")).isEmpty();
            assertThat(ack(mallory.request("inbox", Map.of("senderId", e))).path("messages")).isEmpty();
            assertThat(ack(mallory.request("unread", Map.of())).path("unread").asInt()).isZero();
            assertThat(ack(mallory.request("sent", Map.of())).path("messages")).isEmpty();
            // Fay's copy is untouched: still there, still unread; Erin got no receipt.
            JsonNode fays = ack(fay.request("get", Map.of("id", id))).path("message");
            assertThat(fays.path("message").path("body").asText()).isEqualTo("secret");
            assertThat(fays.has("readAt")).isFalse();
            assertThat(erin.events("read")).isEmpty();
            assertThat(fay.events("recalled")).isEmpty();
        }
    }

    private static JsonNode ack(JsonNode reply) {
        assertThat(reply.path("event").asText()).as(reply.toString()).isEqualTo("ack");
        return reply.path("data");
    }
}
