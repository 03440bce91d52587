package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway serving wss itself ({@code HERALD_GATEWAY_TLS_CERT}/{@code _KEY}): clients that trust its CA sign in
 * and exchange messages, a plain-text client is not served, and the frame-size guard, which sits behind TLS, still
 * refuses an oversized frame from its header with 1009.
 */
class WssIT {

    private static final Path DIRECTORY = temporaryDirectory();
    private static final TestCertificates CA = TestCertificates.authority(DIRECTORY, "wss-ca");
    private static final TestCertificates.Issued CERTIFICATE = CA.server("gateway");

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of(
            "HERALD_GATEWAY_TLS_CERT", CERTIFICATE.certificateFile().toString(),
            "HERALD_GATEWAY_TLS_KEY", CERTIFICATE.keyFile().toString()));

    /** Tyrus clients share one Grizzly container, so this one is never shut down (see GatewayExtension). */
    private static final ClientManager WSS_CLIENT = trustingTheGateway();

    private static String alice;
    private static String bob;
    private static TestClient sender;
    private static TestClient bystander;

    @BeforeAll
    static void signIn() throws Exception {
        alice = GatewayExtension.user("alice");
        bob = GatewayExtension.user("bob");
        sender = online(alice);
        bystander = online(bob);
    }

    @AfterAll
    static void removeCertificates() throws IOException {
        sender.close();
        bystander.close();
        try (var files = Files.walk(DIRECTORY)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void wssClientsSignInAndExchangeMessages() throws Exception {
        sender.message("m1", "over wss", bob);

        assertThat(sender.next().path("event").asText()).isEqualTo("ack");
        JsonNode delivered = bystander.next();
        assertThat(delivered.path("event").asText()).isEqualTo("message");
        assertThat(delivered.at("/data/body").asText()).isEqualTo("over wss");
    }

    @Test
    void aPlainTextClientIsNotServed() throws Exception {
        try (Socket plain = new Socket()) {
            plain.setSoTimeout(10_000);
            plain.connect(new InetSocketAddress("127.0.0.1", env.gateway().port()));
            plain.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            // No HTTP answer: the TLS handshake fails on the plain request and the connection is closed.
            assertThat(new String(readUntilClosed(plain.getInputStream()), StandardCharsets.ISO_8859_1))
                    .doesNotContain("HTTP/1.1");
        }
        assertBystanderServed();
    }

    @Test
    void anOversizedFrameOverWssIsClosedWith1009() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connectTls(env.gateway().port(), CA.trustingClientContext())) {
            raw.sendText("{\"event\":\"online\",\"id\":\"o\",\"data\":{\"token\":\"" + env.token(alice) + "\"}}");
            assertThat(TestClient.JSON.readTree(raw.read().text()).path("event").asText()).isEqualTo("ack");

            raw.sendHeader(RawWebSocket.TEXT, true, 1 << 20);
            try {
                raw.sendPayload(1 << 20);
            } catch (IOException closedMidFrame) {
                // The gateway closes right behind its close frame, which the client has already received.
            }

            RawWebSocket.Frame frame = raw.read();
            assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(frame.closeCode()).isEqualTo(1009);
            assertThat(frame.closeReason()).isEqualTo("message over 65536 bytes");
        }
        assertBystanderServed();
    }

    private static TestClient online(String userId) throws Exception {
        TestClient client = TestClient.connect(WSS_CLIENT,
                URI.create("wss://127.0.0.1:" + env.gateway().port() + "/ws"));
        client.online("online-1", env.token(userId));
        assertThat(client.next().path("event").asText()).isEqualTo("ack");
        return client;
    }

    private static void assertBystanderServed() throws Exception {
        sender.message("m", "still here", bob);
        assertThat(sender.next().path("event").asText()).isEqualTo("ack");
        assertThat(bystander.next().at("/data/body").asText()).isEqualTo("still here");
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketException reset) {
            return new byte[0]; // closed with a reset: nothing was served either
        }
    }

    private static ClientManager trustingTheGateway() {
        ClientManager client = ClientManager.createClient();
        client.setDefaultMaxSessionIdleTimeout(-1);
        SSLContext tls = CA.trustingClientContext();
        client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, new SslEngineConfigurator(tls));
        return client;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("herald-wss");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
