package dev.herald.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A signed-in socket speaking the room, presence and typing events of issue 14. Every JSON field name of those
 * events is written here and nowhere else, so a rename in the gateway's final protocol is one edit in this class.
 * A request that is not acked fails the test with the server's answer.
 */
final class ChatClient implements AutoCloseable {

    private static final ObjectMapper json = new ObjectMapper();
    private static final Duration PUSH_WITHIN = Duration.ofSeconds(30);

    /** One page of {@code sync}: the messages (each the {@code message} of an entry), and where to go on. */
    record SyncPage(List<JsonNode> messages, String nextAfter, boolean hasMore) {
        List<String> ids() {
            return messages.stream().map(m -> m.path("id").asText()).toList();
        }
    }

    private final WsClient socket;
    private final long unreadAtOnline;

    private ChatClient(WsClient socket, long unreadAtOnline) {
        this.socket = socket;
        this.unreadAtOnline = unreadAtOnline;
    }

    /** Connects to {@code gateway} and goes online with {@code token}; fails unless acked. */
    static ChatClient online(URI gateway, String token) {
        WsClient socket = WsClient.connect(WsClient.SHARED_CLIENT, gateway);
        JsonNode ack = acked(socket.request("online", Map.of("token", token)), "online");
        return new ChatClient(socket, ack.path("unreadCount").asLong());
    }

    /** What a sender puts in {@code message} to send {@code body} to a room (also used by the tracked loads). */
    static ObjectNode roomMessage(String roomId, String body, String clientId) {
        return json.createObjectNode().put("room", roomId).put("body", body).put("clientId", clientId);
    }

    /** What a sender puts in {@code message} to send {@code body} to one user. */
    static ObjectNode directMessage(String receiverId, String body, String clientId) {
        ObjectNode data = json.createObjectNode().put("body", body).put("clientId", clientId);
        data.putArray("receivers").add(receiverId);
        return data;
    }

    /**
     * The room id a pushed or synced message was sent to; empty for a direct message or an announcement. A push
     * names it {@code room}, a {@code sync} reply (the proto JSON of the RPC's reply) {@code roomId}.
     */
    static String roomOf(JsonNode message) {
        return message.has("room") ? message.path("room").asText() : message.path("roomId").asText("");
    }

    static boolean isAnnouncement(JsonNode message) {
        return message.path("announcement").asBoolean(false);
    }

    /** The {@code unreadCount} of the online ack. */
    long unreadAtOnline() {
        return unreadAtOnline;
    }

    /** Creates a room with these members besides the caller; returns its id. */
    String createRoom(String name, List<String> memberIds) {
        ObjectNode data = json.createObjectNode().put("name", name);
        memberIds.forEach(data.withArray("memberIds")::add);
        return request("createRoom", data).path("room").path("id").asText();
    }

    /** Sends {@code body} to the room; returns the acked message id. */
    String sendToRoom(String roomId, String body) {
        return request("message", roomMessage(roomId, body, body)).path("id").asText();
    }

    /** Sends {@code body} to one user; returns the acked message id. */
    String sendDirect(String receiverId, String body) {
        return request("message", directMessage(receiverId, body, body)).path("id").asText();
    }

    /** The caller's unread count in one room, from {@code rooms}. */
    int unreadIn(String roomId) {
        for (JsonNode entry : request("rooms", json.createObjectNode()).path("rooms")) {
            if (roomId.equals(entry.path("room").path("id").asText())) {
                return entry.path("unread").asInt();
            }
        }
        throw new AssertionError("room " + roomId + " not among the caller's rooms");
    }

    /** Marks the room read up to {@code messageId}; returns what is left unread. */
    int readRoom(String roomId, String messageId) {
        return request("readRoom", json.createObjectNode().put("roomId", roomId).put("messageId", messageId))
                .path("unread").asInt();
    }

    /** The presence state of each user ({@code STATE_ONLINE}, {@code STATE_OFFLINE}, {@code STATE_UNKNOWN}). */
    Map<String, String> presenceOf(List<String> userIds) {
        ObjectNode data = json.createObjectNode();
        userIds.forEach(data.withArray("userIds")::add);
        Map<String, String> states = new LinkedHashMap<>();
        request("presence", data).path("users")
                .forEach(user -> states.put(user.path("userId").asText(), user.path("state").asText()));
        return states;
    }

    void typingInRoom(String roomId) {
        request("typing", json.createObjectNode().put("roomId", roomId));
    }

    void typingTo(String userId) {
        request("typing", json.createObjectNode().put("to", userId));
    }

    /** One {@code sync} page after {@code after} ("" from the first message). */
    SyncPage sync(String after) {
        JsonNode page = request("sync", json.createObjectNode().put("after", after).put("limit", 100));
        List<JsonNode> messages = new ArrayList<>();
        page.path("messages").forEach(entry -> messages.add(entry.path("message")));
        return new SyncPage(messages, page.path("nextAfter").asText(), page.path("hasMore").asBoolean());
    }

    /** Every message after {@code after}, paging until the end; the returned page's cursor is the last one. */
    SyncPage syncToEnd(String after) {
        List<JsonNode> messages = new ArrayList<>();
        SyncPage page;
        String position = after;
        do {
            page = sync(position);
            messages.addAll(page.messages());
            position = page.nextAfter();
        } while (page.hasMore());
        return new SyncPage(messages, position, false);
    }

    /** Messages pushed live so far (the {@code data} of each {@code message} event), duplicates included. */
    List<JsonNode> liveMessages() {
        return socket.events("message").stream().map(frame -> frame.path("data")).toList();
    }

    /** How many times the message with this id was pushed to this socket. */
    long timesDelivered(String messageId) {
        return liveMessages().stream().filter(m -> messageId.equals(m.path("id").asText())).count();
    }

    /** Waits until the message with this id has been pushed. */
    void awaitDelivered(String messageId) {
        socket.await(f -> "message".equals(f.path("event").asText())
                && messageId.equals(f.path("data").path("id").asText()), PUSH_WITHIN);
    }

    /** Waits until the {@code presence} request answers {@code state} for the user. */
    void awaitPresenceState(String userId, String state) {
        Awaitility.await().atMost(PUSH_WITHIN).untilAsserted(() ->
                org.assertj.core.api.Assertions.assertThat(presenceOf(List.of(userId))).containsEntry(userId, state));
    }

    /** Waits for a {@code presence} push saying the user is online ({@code true}) or offline. */
    JsonNode awaitPresence(String userId, boolean online) {
        return awaitPush("presence", data -> userId.equals(idOf(data.path("user")))
                && data.path("online").asBoolean() == online);
    }

    /** Waits for a {@code typing} push from the user, in the room ({@code ""}: a direct conversation). */
    JsonNode awaitTyping(String fromUserId, String roomId) {
        return awaitPush("typing", data -> fromUserId.equals(idOf(data.path("from")))
                && roomId.equals(data.path("room").asText("")));
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() {
        socket.close();
    }

    private JsonNode awaitPush(String event, Predicate<JsonNode> matching) {
        return socket.await(f -> event.equals(f.path("event").asText()) && matching.test(f.path("data")),
                PUSH_WITHIN).path("data");
    }

    private JsonNode request(String event, ObjectNode data) {
        return acked(socket.request(event, data), event);
    }

    private static JsonNode acked(JsonNode reply, String event) {
        if (!"ack".equals(reply.path("event").asText())) {
            throw new AssertionError(event + " was not acked: " + reply);
        }
        return reply.path("data");
    }

    /** A user as pushed: its id, or an object with the id. */
    private static String idOf(JsonNode user) {
        return user.isObject() ? user.path("id").asText() : user.asText();
    }
}
