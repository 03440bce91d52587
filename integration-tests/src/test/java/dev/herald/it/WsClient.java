package dev.herald.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

/** A real WebSocket client speaking Herald's JSON frames, recording everything it receives. */
final class WsClient implements AutoCloseable {

    private static final ObjectMapper json = new ObjectMapper();
    /**
     * One Tyrus client for the whole test JVM: its Grizzly container and executors are shared
     * between ClientManager instances, so shutting one down breaks sockets of the others.
     */
    static final ClientManager SHARED_CLIENT = withoutIdleTimer(ClientManager.createClient());

    /**
     * Sessions of this client never arm Tyrus's idle timer. Tyrus shuts the client's scheduler down
     * whenever its last session closes, and a session that re-armed the timer on a send or a close
     * racing that shutdown failed with RejectedExecutionException (seen in CI).
     */
    /**
     * A client for wss that trusts what {@code tls} trusts. Created per TLS stack and, like the shared one, never
     * shut down: the Grizzly container behind it is shared.
     */
    static ClientManager trusting(SSLContext tls) {
        ClientManager client = withoutIdleTimer(ClientManager.createClient());
        client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, new SslEngineConfigurator(tls));
        return client;
    }

    static ClientManager withoutIdleTimer(ClientManager client) {
        client.setDefaultMaxSessionIdleTimeout(-1);
        return client;
    }

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Session session;
    private volatile Consumer<JsonNode> onFrame = frame -> { };

    private WsClient(ClientManager client, URI uri) throws Exception {
        this.session = client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    try {
                        JsonNode frame = json.readTree(text);
                        onFrame.accept(frame);
                        frames.add(frame);
                    } catch (IOException e) {
                        throw new UncheckedIOException("server sent invalid JSON: " + text, e);
                    }
                });
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.complete(reason);
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
    }

    static WsClient connect(ClientManager client, URI uri) {
        try {
            return new WsClient(client, uri);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + uri, e);
        }
    }

    /** Runs {@code listener} on the receiving thread for every frame from now on, as it arrives. */
    void onEachFrame(Consumer<JsonNode> listener) {
        this.onFrame = listener;
    }

    /** Sends a raw text frame. */
    void sendText(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code {"event", "id", "data"}} and waits for the reply carrying that id: up to 30 s, since a two-core
     * CI machine running several stacks at once has been seen to take over 10 s for a sign-in through two instances.
     */
    JsonNode request(String event, Object data) {
        String id = "r" + ids.incrementAndGet();
        ObjectNode frame = json.createObjectNode().put("event", event).put("id", id);
        frame.set("data", json.valueToTree(data));
        sendText(frame.toString());
        return await(f -> id.equals(f.path("id").asText(null)), Duration.ofSeconds(30));
    }

    /** Waits for the first received frame matching the predicate. */
    JsonNode await(Predicate<JsonNode> matching, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> frames.stream().anyMatch(matching));
        return frames.stream().filter(matching).findFirst().orElseThrow();
    }

    /** Waits until {@code count} frames of the event have arrived and returns them all. */
    List<JsonNode> awaitEvents(String event, int count, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> events(event).size() >= count);
        return events(event);
    }

    List<JsonNode> events(String event) {
        return frames.stream().filter(f -> event.equals(f.path("event").asText())).toList();
    }

    CloseReason awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed within " + timeout, e);
        }
    }

    boolean isOpen() {
        return session.isOpen() && !closed.isDone();
    }

    /** Closes the socket unless the server already did. */
    @Override
    public void close() {
        if (closed.isDone()) {
            return;
        }
        try {
            if (session.isOpen()) {
                session.close();
            }
        } catch (IOException e) {
            // Closing an already broken or already closed socket: nothing left to release.
        }
    }
}
