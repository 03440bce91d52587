package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.jspecify.annotations.Nullable;

/** A real WebSocket client (Tyrus) that keeps every frame it receives and how it was closed. */
final class TestClient extends Endpoint implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private volatile @Nullable Session session;

    static TestClient connect(ClientManager client, URI uri) throws Exception {
        TestClient endpoint = new TestClient();
        client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri);
        return endpoint;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        session.setMaxTextMessageBufferSize(1 << 20);
        session.addMessageHandler(String.class, frames::add);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closed.complete(reason);
    }

    @Override
    public void onError(Session session, Throwable failure) {
        // The close that follows is what the tests look at.
    }

    void send(String text) {
        try {
            session().getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void sendBinary(byte[] bytes) {
        try {
            session().getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code {"event": event, "id": id, "data": data}}; {@code data} is raw JSON. */
    void send(String event, String id, String data) {
        send("{\"event\":\"" + event + "\",\"id\":\"" + id + "\",\"data\":" + data + "}");
    }

    void online(String id, String token) {
        send("online", id, "{\"token\":\"" + token + "\"}");
    }

    void message(String id, String body, String... receivers) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < receivers.length; i++) {
            list.append(i == 0 ? "" : ",").append('"').append(receivers[i]).append('"');
        }
        send("message", id, "{\"receivers\":" + list.append(']') + ",\"body\":\"" + body + "\"}");
    }

    /** The next frame, as sent. */
    String nextText() throws InterruptedException {
        String frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(frame).as("a frame within %s", WAIT).isNotNull();
        return frame;
    }

    JsonNode next() throws Exception {
        return JSON.readTree(nextText());
    }

    /** Waits for the server to close the socket and returns its close code. */
    int awaitCloseCode() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).getCloseCode().getCode();
    }

    CloseReason awaitClose() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        Session current = session;
        return current != null && current.isOpen() && !closed.isDone();
    }

    private Session session() {
        Session current = session;
        if (current == null) {
            throw new IllegalStateException("not connected");
        }
        return current;
    }

    @Override
    public void close() throws IOException {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close();
        }
    }
}
