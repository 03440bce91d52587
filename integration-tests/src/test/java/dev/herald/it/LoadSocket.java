package dev.herald.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One user's socket to any of the gateways, as a careful client holds it: when it drops, it reconnects to the next
 * gateway that takes it and goes online again. Replies are matched to requests by id; frames pushed without an id
 * ({@code message}, {@code resync}) go to the owner's handler.
 */
final class LoadSocket implements AutoCloseable {

    /** Opens a user's socket, handing frames pushed without an id to {@code pushes}. */
    @FunctionalInterface
    interface Factory {
        LoadSocket open(String userId, Consumer<JsonNode> pushes);
    }

    private static final ObjectMapper json = new ObjectMapper();
    private static final Duration RECONNECT_WITHIN = Duration.ofSeconds(90);
    private static final Duration REPLY_WITHIN = Duration.ofSeconds(30);

    private final List<URI> gateways;
    private final String userId;
    private final Function<String, String> tokens;
    private final Consumer<JsonNode> pushes;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger requestIds = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private int nextGateway;
    private volatile @Nullable WsClient client;

    LoadSocket(List<URI> gateways, int firstGateway, String userId, Function<String, String> tokens,
            Consumer<JsonNode> pushes) {
        this.gateways = List.copyOf(gateways);
        this.nextGateway = firstGateway;
        this.userId = userId;
        this.tokens = tokens;
        this.pushes = pushes;
    }

    String userId() {
        return userId;
    }

    boolean isOpen() {
        WsClient current = client;
        return current != null && current.isOpen();
    }

    /** Connects (to the gateways in turn, from the last one used) and goes online, unless it already is. */
    synchronized void ensureOnline() {
        if (isOpen()) {
            return;
        }
        if (client != null) {
            reconnects.incrementAndGet();
        }
        await().atMost(RECONNECT_WITHIN).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(this::connectToNextGateway);
    }

    /**
     * Sends a request and waits for its reply: an {@code ack} or an {@code exception}; empty when the socket dropped
     * before the reply came, so the caller does not know whether the request took effect.
     */
    Optional<JsonNode> request(String event, ObjectNode data) {
        WsClient current = client;
        if (current == null) {
            return Optional.empty();
        }
        String id = "q" + requestIds.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            ObjectNode frame = json.createObjectNode().put("event", event).put("id", id);
            frame.set("data", data);
            current.sendText(frame.toString());
            return awaitReply(current, reply);
        } catch (RuntimeException sendFailed) {
            // The socket broke under the write (a killed gateway): the request may or may not have left.
            return Optional.empty();
        } finally {
            pending.remove(id);
        }
    }

    int reconnects() {
        return reconnects.get();
    }

    @Override
    public void close() {
        WsClient current = client;
        if (current != null) {
            current.close();
        }
    }

    private Optional<JsonNode> awaitReply(WsClient current, CompletableFuture<JsonNode> reply) {
        Instant deadline = Instant.now().plus(REPLY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            try {
                return Optional.of(reply.get(100, TimeUnit.MILLISECONDS));
            } catch (TimeoutException notYet) {
                if (!current.isOpen()) {
                    return Optional.empty();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(userId + ": no reply within " + REPLY_WITHIN + " on an open socket");
    }

    private boolean connectToNextGateway() {
        URI uri = gateways.get(nextGateway % gateways.size());
        nextGateway++;
        WsClient candidate = WsClient.connect(WsClient.SHARED_CLIENT, uri);
        candidate.onEachFrame(this::dispatch);
        client = candidate;
        ObjectNode online = json.createObjectNode().put("token", tokens.apply(userId));
        Optional<JsonNode> reply = request("online", online);
        if (reply.isPresent() && "ack".equals(reply.get().path("event").asText())) {
            return true;
        }
        candidate.close();
        return false;
    }

    private void dispatch(JsonNode frame) {
        CompletableFuture<JsonNode> reply = pending.get(frame.path("id").asText(""));
        if (reply != null) {
            reply.complete(frame);
        } else {
            pushes.accept(frame);
        }
    }
}
