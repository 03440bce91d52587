package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import dev.herald.gateway.admission.FileDescriptors;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts, once per test class, a development identity provider (JWKS over HTTP), a {@link TestBackend} on a
 * free port and a {@link GatewayServer} on an ephemeral port linked to it; hands out tokens and connected
 * clients, and closes everything afterwards.
 */
final class GatewayExtension implements BeforeAllCallback, AfterAllCallback {

    static final String ISSUER = "herald-it";
    static final String AUDIENCE = "herald-it";
    static final String SECRET = "it-gateway-secret-of-32-characters-or-more";

    private final Map<String, String> overrides;
    private final int instances;
    private final FileDescriptors files;
    private final List<TestClient> clients = new ArrayList<>();
    private final List<TestBackend> backends = new ArrayList<>();
    private JwksServer jwks;
    private DevKeys keys;
    private DevTokenIssuer issuer;
    private GatewayServer gateway;
    private GatewayConfig config;
    private ClientManager client;

    GatewayExtension() {
        this(Map.of());
    }

    GatewayExtension(Map<String, String> overrides) {
        this(overrides, 1);
    }

    /** With {@code instances} message-service instances behind the gateway. */
    GatewayExtension(Map<String, String> overrides, int instances) {
        this(overrides, instances, FileDescriptors.ofThisProcess());
    }

    /** With the gateway reading the open-file limit and count from {@code files}. */
    GatewayExtension(Map<String, String> overrides, int instances, FileDescriptors files) {
        this.overrides = Map.copyOf(overrides);
        this.instances = instances;
        this.files = files;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        keys = DevKeys.generate();
        jwks = JwksServer.start(keys, "127.0.0.1", 0);
        issuer = new DevTokenIssuer(keys, ISSUER, AUDIENCE, Clock.systemUTC());
        Map<String, String> env = new HashMap<>(Map.of(
                "HERALD_JWKS_URL", jwks.jwksUrl().toString(),
                "HERALD_JWT_ISSUER", ISSUER,
                "HERALD_JWT_AUDIENCE", AUDIENCE,
                "HERALD_GATEWAY_SECRET", SECRET,
                "HERALD_GATEWAY_PORT", "0",
                "HERALD_OPS_PORT", "0"));
        for (int i = 0; i < instances; i++) {
            backends.add(TestBackend.start(GatewayConfig.fromEnv(env).auth(), SECRET));
        }
        env.put("HERALD_MESSAGE_SERVICE_TARGETS",
                String.join(",", backends.stream().map(TestBackend::target).toList()));
        env.putAll(overrides);
        config = GatewayConfig.fromEnv(env);
        gateway = GatewayServer.start(config, files);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.linksUp() == instances
                && backends.stream().allMatch(backend -> backend.openLinks() == 1));
        client = ClientManager.createClient();
        // No idle timer in test sessions: Tyrus shuts the client's scheduler down whenever its last
        // session closes, and a send re-arming the timer during that shutdown was rejected (seen in CI).
        client.setDefaultMaxSessionIdleTimeout(-1);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (TestClient each : clients) {
            each.close();
        }
        if (client != null) {
            client.shutdown();
        }
        if (gateway != null) {
            gateway.close();
        }
        backends.forEach(TestBackend::close);
        if (jwks != null) {
            jwks.close();
        }
    }

    GatewayServer gateway() {
        return gateway;
    }

    GatewayConfig config() {
        return config;
    }

    TestBackend backend() {
        return backends.getFirst();
    }

    List<TestBackend> backends() {
        return backends;
    }

    /** A user id no other test uses. */
    static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String token(String userId) {
        return issuer.issue(userId, "Name of " + userId, false, Duration.ofHours(1));
    }

    String token(String userId, Duration ttl) {
        return issuer.issue(userId, "Name of " + userId, false, ttl);
    }

    /** A token that expired an hour ago. */
    String expiredToken(String userId) {
        return new DevTokenIssuer(keys, ISSUER, AUDIENCE, Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
                .issue(userId, userId, false, Duration.ofMinutes(5));
    }

    URI socketUri(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** A connected client that has not sent anything. */
    TestClient connect() throws Exception {
        return connect(gateway.port());
    }

    TestClient connect(int port) throws Exception {
        TestClient connected = TestClient.connect(client, socketUri(port));
        clients.add(connected);
        return connected;
    }

    /** A client signed in as {@code userId}, its online ack consumed. */
    TestClient online(String userId) throws Exception {
        return onlineWith(token(userId));
    }

    /** Sends {@code online} for {@code userId} on a raw socket and returns the answer (pings skipped). */
    JsonNode signIn(RawWebSocket raw, String userId) throws Exception {
        raw.sendText("{\"event\":\"online\",\"id\":\"o\",\"data\":{\"token\":\"" + token(userId) + "\"}}");
        RawWebSocket.Frame answer = raw.read();
        while (answer.opcode() == RawWebSocket.PING) {
            answer = raw.read();
        }
        return TestClient.JSON.readTree(answer.text());
    }

    /** A client signed in with {@code token}, its online ack consumed. */
    TestClient onlineWith(String token) throws Exception {
        TestClient connected = connect();
        connected.online("online-1", token);
        JsonNode ack = connected.next();
        assertThat(ack.path("event").asText()).as("online ack: %s", ack).isEqualTo("ack");
        return connected;
    }
}
