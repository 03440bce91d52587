package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every bad input gets an {@code exception} naming the problem, nothing is stored or delivered,
 * and only an authentication failure closes the socket. Limits are lowered so they are cheap to hit.
 */
class BadInputIT {

    static HeraldStack stack;
    static Rows rows;
    static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of(
                "HERALD_MAX_RECEIVERS", "3",
                "HERALD_MAX_BODY_BYTES", "100",
                "HERALD_MAX_FRAME_BYTES", "4096",
                "HERALD_AUTH_TIMEOUT_SECONDS", "1",
                "HERALD_STORED_WAIT_MS", "300"));
        rows = new Rows(stack);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void malformedFramesAndInvalidMessagesGetExceptionsAndNothingIsStoredOrDelivered() {
        try (WsClient victor = stack.online("victor", "Victor"); WsClient wendy = stack.online("wendy", "Wendy")) {
            assertException(sendRaw(wendy, "{not json", null), "INVALID_ARGUMENT", "malformed JSON", null);
            assertException(sendRaw(wendy, "[1,2]", null), "INVALID_ARGUMENT", "JSON object", null);
            assertException(sendRaw(wendy, "{\"id\":\"a\",\"data\":{}}", "a"), "INVALID_ARGUMENT", "event", "event");
            assertException(sendRaw(wendy, "{\"event\":\"dance\",\"id\":\"b\",\"data\":{}}", "b"),
                    "INVALID_ARGUMENT", "unknown event", "event");
            assertException(sendRaw(wendy, "{\"event\":\"message\",\"id\":\"c\",\"data\":[]}", "c"),
                    "INVALID_ARGUMENT", "data", "data");

            assertException(wendy.request("message", Map.of("body", "hi")), "INVALID_ARGUMENT", "receivers", "receivers");
            assertException(wendy.request("message", Map.of("receivers", "victor", "body", "hi")),
                    "INVALID_ARGUMENT", "receivers", "receivers");
            assertException(wendy.request("message", Map.of("receivers", List.of(1, 2), "body", "hi")),
                    "INVALID_ARGUMENT", "receivers", "receivers");
            assertException(wendy.request("message", Map.of("receivers", List.of("victor"))),
                    "INVALID_ARGUMENT", "body", "body");
            assertException(wendy.request("message", Map.of("receivers", List.of("victor"), "body", 7)),
                    "INVALID_ARGUMENT", "body", "body");
            assertException(wendy.request("message", Map.of("receivers", List.of("victor"), "body", "")),
                    "INVALID_ARGUMENT", "body must not be empty", "body");
            assertException(wendy.request("message", Map.of("receivers", List.of("victor"), "body", "x",
                    "title", 3)), "INVALID_ARGUMENT", "title", "title");
            assertException(wendy.request("message", Map.of("receivers", List.of(), "body", "x")),
                    "INVALID_ARGUMENT", "receivers must not be empty", "receivers");
            assertException(wendy.request("message", Map.of("receivers", List.of("victor", "a", "b", "c"),
                    "body", "x")), "INVALID_ARGUMENT", "too many receivers", "receivers");
            assertException(wendy.request("message", Map.of("receivers", List.of("victor"), "body", "x".repeat(101))),
                    "INVALID_ARGUMENT", "body too large", "body");
            assertException(wendy.request("message", Map.of("receivers", List.of("victor", "nobody"), "body", "x")),
                    "NOT_FOUND", "unknown receiver: nobody", "receivers");

            assertThat(wendy.isOpen()).isTrue();
            // A good message after all that: it is the only one stored and the only one delivered.
            String id = wendy.request("message", Map.of("receivers", List.of("victor"), "body", "the only one"))
                    .path("data").path("id").asText();
            await().atMost(WAIT).until(() -> rows.receiptsOf(id) == 1);
            assertThat(rows.messagesFrom("wendy")).isEqualTo(1);
            assertThat(victor.awaitEvents("message", 1, WAIT)).extracting(f -> f.path("data").path("id").asText())
                    .containsExactly(id);
        }
    }

    @Test
    void anythingBeforeOnlineIsUnauthenticatedAndTheSocketStaysOpen() {
        try (WsClient stranger = stack.connect()) {
            JsonNode reply = stranger.request("message", Map.of("receivers", List.of("victor"), "body", "hi"));

            assertException(reply, "UNAUTHENTICATED", "online", null);
            assertThat(stranger.isOpen()).isTrue();
            assertThat(stranger.request("online", Map.of("token", stack.token("late", "Late"))).path("event").asText())
                    .isEqualTo("ack");
        }
    }

    @Test
    void aBadOrExpiredTokenGetsAnExceptionAndClosesWith1008() {
        try (WsClient forger = stack.connect()) {
            assertException(forger.request("online", Map.of("token", "not.a.jwt")), "UNAUTHENTICATED", "malformed", null);
            assertThat(forger.awaitClose(WAIT).getCloseCode().getCode()).isEqualTo(1008);
        }
        try (WsClient late = stack.connect()) {
            String expired = stack.expiredTokens.issue("late", "Late", false, Duration.ofMinutes(1));
            assertException(late.request("online", Map.of("token", expired)), "UNAUTHENTICATED", "expired", null);
            assertThat(late.awaitClose(WAIT).getCloseCode().getCode()).isEqualTo(1008);
        }
    }

    @Test
    void noOnlineWithinTheAuthTimeoutClosesWith1008() {
        try (WsClient idle = stack.connect()) {
            assertThat(idle.awaitClose(Duration.ofSeconds(5)).getCloseCode().getCode()).isEqualTo(1008);
        }
    }

    @Test
    void anOversizedFrameClosesOnlyThatSocketWith1009() {
        try (WsClient xena = stack.online("xena", "Xena"); WsClient yuri = stack.online("yuri", "Yuri")) {
            xena.sendText("{\"event\":\"message\",\"data\":{\"receivers\":[\"yuri\"],\"body\":\""
                    + "x".repeat(5000) + "\"}}");

            assertThat(xena.awaitClose(WAIT).getCloseCode().getCode()).isEqualTo(1009);
            assertThat(yuri.isOpen()).isTrue();
            assertThat(yuri.request("message", Map.of("receivers", List.of("yuri"), "body", "still here"))
                    .path("event").asText()).isEqualTo("ack");
        }
    }

    private static JsonNode sendRaw(WsClient client, String text, String id) {
        int before = client.events("exception").size();
        client.sendText(text);
        if (id != null) {
            return client.await(f -> id.equals(f.path("id").asText(null)), WAIT);
        }
        List<JsonNode> exceptions = client.awaitEvents("exception", before + 1, WAIT);
        return new ArrayList<>(exceptions).getLast();
    }

    private static void assertException(JsonNode frame, String status, String messagePart, String field) {
        assertThat(frame.path("event").asText()).as(frame.toString()).isEqualTo("exception");
        assertThat(frame.path("data").path("status").asText()).as(frame.toString()).isEqualTo(status);
        assertThat(frame.path("data").path("message").asText()).as(frame.toString()).containsIgnoringCase(messagePart);
        if (field != null) {
            assertThat(frame.path("data").path("field").asText()).as(frame.toString()).isEqualTo(field);
        }
    }
}
