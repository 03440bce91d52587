package dev.herald.bench.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;

/**
 * A tiny in-test server that speaks just enough of Herald's protocol: {@code online} with a token
 * {@code t-<userId>} is acknowledged, {@code message} is delivered to each receiver's socket and then
 * acknowledged with the request's id. {@code duplicateEvery = n} delivers every n-th message twice.
 */
public final class HeraldStubServer implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Session> sockets = new ConcurrentHashMap<>();
    private final AtomicLong messages = new AtomicLong();
    private final int duplicateEvery;
    private final ServerContainer container;
    private final int port;

    private HeraldStubServer(int duplicateEvery) throws DeploymentException {
        this.duplicateEvery = duplicateEvery;
        final ServerEndpointConfig endpoint = ServerEndpointConfig.Builder.create(StubEndpoint.class, "/ws")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new StubEndpoint(HeraldStubServer.this));
                    }
                })
                .build();
        container = ServerContainerFactory.createServerContainer(Map.of());
        container.addEndpoint(endpoint);
        try {
            container.start("/", 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = ((TyrusServerContainer) container).getPort();
    }

    public static HeraldStubServer start() throws DeploymentException {
        return new HeraldStubServer(0);
    }

    public static HeraldStubServer startDuplicating(int every) throws DeploymentException {
        return new HeraldStubServer(every);
    }

    public static String tokenOf(String userId) {
        return "t-" + userId;
    }

    public URI url() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** Users online on this server right now. */
    public int online() {
        return sockets.size();
    }

    /** Messages accepted so far. */
    public long messages() {
        return messages.get();
    }

    @Override
    public void close() {
        container.stop();
    }

    private void handle(Session session, String text) throws IOException {
        final JsonNode frame = mapper.readTree(text);
        final JsonNode id = frame.path("id");
        final JsonNode data = frame.path("data");
        switch (frame.path("event").asText()) {
            case "online" -> {
                final String user = data.path("token").asText().substring(2);
                session.getUserProperties().put("user", user);
                sockets.put(user, session);
                final ObjectNode ack = frame("ack", id);
                ack.putObject("data").putObject("user").put("id", user).put("name", user);
                send(session, ack);
            }
            case "message" -> {
                final Object sender = session.getUserProperties().get("user");
                if (sender == null) {
                    send(session, failure(id, "UNAUTHENTICATED"));
                    return;
                }
                for (JsonNode receiver : data.path("receivers")) {
                    if (!sockets.containsKey(receiver.asText())) {
                        send(session, failure(id, "INVALID_ARGUMENT"));
                        return;
                    }
                }
                final long n = messages.incrementAndGet();
                final ObjectNode delivery = frame("message", null);
                final ObjectNode payload = delivery.putObject("data");
                payload.put("id", UUID.randomUUID().toString());
                payload.putObject("sender").put("id", sender.toString()).put("name", sender.toString());
                payload.set("receivers", data.path("receivers"));
                payload.put("title", data.path("title").asText());
                payload.put("body", data.path("body").asText());
                payload.put("type", data.path("type").asText());
                payload.put("createdAt", Instant.now().toString());
                for (JsonNode receiver : data.path("receivers")) {
                    final Session target = sockets.get(receiver.asText());
                    send(target, delivery);
                    if (duplicateEvery > 0 && n % duplicateEvery == 0) {
                        send(target, delivery);
                    }
                }
                final ObjectNode ack = frame("ack", id);
                ack.putObject("data").put("id", payload.path("id").asText()).put("createdAt", Instant.now().toString());
                send(session, ack);
            }
            default -> send(session, failure(id, "INVALID_ARGUMENT"));
        }
    }

    private ObjectNode frame(String event, JsonNode id) {
        final ObjectNode frame = mapper.createObjectNode().put("event", event);
        if (id != null && !id.isMissingNode()) {
            frame.set("id", id);
        }
        return frame;
    }

    private ObjectNode failure(JsonNode id, String status) {
        final ObjectNode failure = frame("exception", id);
        failure.putObject("data").put("status", status).put("message", status.toLowerCase());
        return failure;
    }

    private void send(Session session, JsonNode frame) throws IOException {
        final String text = mapper.writeValueAsString(frame);
        synchronized (session) { // one writer at a time per socket
            session.getBasicRemote().sendText(text);
        }
    }

    /** One instance per socket, made by the configurator with the server it belongs to. */
    public static final class StubEndpoint extends Endpoint {

        private final HeraldStubServer server;

        StubEndpoint(HeraldStubServer server) {
            this.server = server;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                try {
                    server.handle(session, text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
