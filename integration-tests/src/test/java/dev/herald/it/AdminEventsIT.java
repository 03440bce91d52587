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
 * The admin events over the WebSocket (adminQuery, adminCount, adminGet, adminDelete, adminAnnounce, adminRooms,
 * adminInspectRoom, adminPurgeRoom): the gateway calls the AdminService with the socket's own token, so an admin's
 * socket is answered and anyone else's gets PERMISSION_DENIED from the message-service, with nothing changed.
 */
class AdminEventsIT {

    static HeraldStack stack;
    static final Duration WAIT = Duration.ofSeconds(15);

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void anAdminSocketQueriesCountsGetsAndDeletesMessages() {
        String a = unique("alice");
        String b = unique("bob");
        try (WsClient admin = adminOnline(unique("root"));
             WsClient bob = stack.online(b, "Bob");
             WsClient alice = stack.online(a, "Alice")) {
            String marker = unique("needle");
            String id = ack(alice.request("message", Map.of("receivers", List.of(b), "body", "hi " + marker)))
                    .path("id").asText();
            Map<String, Object> filter = Map.of("filter", Map.of("senderId", a, "text", marker));

            JsonNode found = ack(admin.request("adminQuery", filter));
            assertThat(found.path("messages")).extracting(m -> m.path("message").path("id").asText())
                    .containsExactly(id);
            assertThat(found.path("messages").get(0).path("receipts").get(0).path("receiverId").asText())
                    .isEqualTo(b);
            assertThat(ack(admin.request("adminCount", filter)).path("count").asLong()).isEqualTo(1);
            assertThat(ack(admin.request("adminGet", Map.of("id", id))).path("message").path("message")
                    .path("body").asText()).isEqualTo("hi " + marker);

            JsonNode deleted = ack(admin.request("adminDelete", Map.of("ids", List.of(id))));
            assertThat(deleted.path("changed")).extracting(JsonNode::asText).containsExactly(id);
            // The purge is applied by the worker: the message leaves every view once it has.
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(ack(admin.request("adminCount", filter)).path("count").asLong()).isZero();
                assertThat(ack(bob.request("inbox", Map.of())).path("messages")).isEmpty();
            });
            assertThat(reply(admin.request("adminGet", Map.of("id", id))).path("status").asText())
                    .isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void anAdminSocketListsInspectsAndPurgesAnyRoomAndAnnounces() {
        String a = unique("alice");
        try (WsClient admin = adminOnline(unique("root"));
             WsClient alice = stack.online(a, "Alice")) {
            String name = unique("Private");
            String room = ack(alice.request("createRoom", Map.of("name", name))).path("room").path("id").asText();
            ack(alice.request("message", Map.of("room", room, "body", "in the room")));

            assertThat(ack(admin.request("adminRooms", Map.of("namePrefix", name))).path("rooms"))
                    .extracting(r -> r.path("id").asText()).containsExactly(room);
            JsonNode inspected = ack(admin.request("adminInspectRoom", Map.of("roomId", room)));
            assertThat(inspected.path("members")).extracting(m -> m.path("user").path("id").asText())
                    .containsExactly(a);
            assertThat(ack(admin.request("adminPurgeRoom", Map.of("roomId", room))).path("purgedMessages").asLong())
                    .isEqualTo(1);
            JsonNode deleted = alice.await(frame -> "room".equals(frame.path("event").asText())
                    && "deleted".equals(frame.path("data").path("change").asText()), WAIT);
            assertThat(deleted.path("data").path("room").asText()).isEqualTo(room);

            String announced = ack(admin.request("adminAnnounce", Map.of("title", "Notice", "body", "all hands")))
                    .path("id").asText();
            JsonNode live = alice.await(frame -> "message".equals(frame.path("event").asText())
                    && announced.equals(frame.path("data").path("id").asText()), WAIT);
            assertThat(live.path("data").path("announcement").asBoolean()).isTrue();
        }
    }

    @Test
    void aSocketWithoutTheAdminRoleIsDeniedEveryAdminEventAndNothingChanges() {
        String a = unique("alice");
        String b = unique("bob");
        try (WsClient bob = stack.online(b, "Bob");
             WsClient alice = stack.online(a, "Alice")) {
            String id = ack(alice.request("message", Map.of("receivers", List.of(b), "body", "keep me")))
                    .path("id").asText();
            String room = ack(alice.request("createRoom", Map.of("name", unique("Mine")))).path("room").path("id")
                    .asText();
            Map<String, Object> requests = Map.of(
                    "adminQuery", Map.of(),
                    "adminCount", Map.of(),
                    "adminGet", Map.of("id", id),
                    "adminDelete", Map.of("ids", List.of(id)),
                    "adminAnnounce", Map.of("body", "not from you"),
                    "adminRooms", Map.of(),
                    "adminInspectRoom", Map.of("roomId", room),
                    "adminPurgeRoom", Map.of("roomId", room));

            requests.forEach((event, data) -> {
                JsonNode refused = alice.request(event, data);
                assertThat(refused.path("event").asText()).as(event + ": " + refused).isEqualTo("exception");
                assertThat(refused.path("data").path("status").asText()).as(event).isEqualTo("PERMISSION_DENIED");
            });

            assertThat(ack(bob.request("get", Map.of("id", id))).path("message").path("message").path("body")
                    .asText()).isEqualTo("keep me");
            assertThat(ack(alice.request("getRoom", Map.of("roomId", room))).path("room").path("id").asText())
                    .isEqualTo(room);
            assertThat(alice.isOpen()).isTrue();
        }
    }

    private static WsClient adminOnline(String userId) {
        WsClient client = stack.connect();
        ack(client.request("online", Map.of("token", stack.tokens.issue(userId, "Root", true, Duration.ofMinutes(30)))));
        return client;
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode ack(JsonNode reply) {
        assertThat(reply.path("event").asText()).as(reply.toString()).isEqualTo("ack");
        return reply.path("data");
    }

    private static JsonNode reply(JsonNode exception) {
        assertThat(exception.path("event").asText()).as(exception.toString()).isEqualTo("exception");
        return exception.path("data");
    }
}
