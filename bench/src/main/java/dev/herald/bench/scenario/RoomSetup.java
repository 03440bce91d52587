package dev.herald.bench.scenario;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.bench.identity.BenchUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the room of a {@code room} run in the connect phase, so its cost stays out of the measured one: the owner
 * signs in on a socket of its own, creates the room and adds the members in batches (the message-service takes at
 * most {@code HERALD_MAX_ROOM_MEMBERS_PER_CALL}, 1,000 by default, per call). The members must have gone online
 * before, so that they are known users.
 */
public final class RoomSetup {

    static final int BATCH = 500;

    private static final Logger logger = LoggerFactory.getLogger(RoomSetup.class);
    private static final long REPLY_SECONDS = 60;

    private final ObjectMapper json;
    private final URI gateway;

    public RoomSetup(ObjectMapper json, URI gateway) {
        this.json = requireNonNull(json, "json");
        this.gateway = requireNonNull(gateway, "gateway");
    }

    /** Creates room {@code name} owned by {@code owner} with {@code members}; returns its id. */
    String create(BenchUser owner, List<BenchUser> members, String name) throws InterruptedException {
        final Replies replies = new Replies();
        final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(gateway, replies).join();
        try {
            replies.request(socket, "online", json.createObjectNode().put("token", owner.token()));
            final String roomId = replies.request(socket, "createRoom", json.createObjectNode().put("name", name))
                    .path("room").path("id").asText();
            for (int from = 0; from < members.size(); from += BATCH) {
                final ObjectNode add = json.createObjectNode().put("roomId", roomId);
                members.subList(from, Math.min(members.size(), from + BATCH))
                        .forEach(member -> add.withArray("userIds").add(member.id()));
                replies.request(socket, "addMembers", add);
            }
            logger.info("room {}: {} members besides the owner {}", roomId, members.size(), owner.id());
            return roomId;
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(closeFailed -> null);
        }
    }

    /** The owner's socket: matches each reply to its request by id; pushes (room notices) are ignored. */
    private final class Replies implements WebSocket.Listener {

        private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();

        /** Sends the request and returns the data of its ack; anything else fails the run's setup. */
        JsonNode request(WebSocket socket, String event, ObjectNode data) throws InterruptedException {
            final String id = "setup-" + ids.incrementAndGet();
            final CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            pending.put(id, reply);
            final ObjectNode frame = json.createObjectNode().put("event", event).put("id", id);
            frame.set("data", data);
            socket.sendText(frame.toString(), true).join();
            final JsonNode answer;
            try {
                answer = reply.get(REPLY_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("room setup: no reply to " + event, e);
            } finally {
                pending.remove(id);
            }
            if (!"ack".equals(answer.path("event").asText())) {
                throw new IllegalStateException("room setup: " + event + " refused: " + answer.path("data"));
            }
            return answer.path("data");
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence text, boolean last) {
            partial.append(text);
            if (last) {
                final String whole = partial.toString();
                partial.setLength(0);
                try {
                    final JsonNode frame = json.readTree(whole);
                    final CompletableFuture<JsonNode> reply = pending.get(frame.path("id").asText(""));
                    if (reply != null) {
                        reply.complete(frame);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("room setup: the gateway sent invalid JSON", e);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
