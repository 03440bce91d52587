package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ConfigException;
import dev.herald.gateway.backend.AdaptiveLimit;
import dev.herald.observability.OpsSettings;
import dev.herald.testing.TestCertificates;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayConfigTest {

    /** Development mode, so the other settings can keep their defaults, the gateway secret included. */
    private static final Map<String, String> DEV = Map.of("HERALD_DEV_MODE", "true");
    private static final String STRONG_SECRET = "strong-gateway-secret-of-40-characters!!";

    @Test
    void usesLocalDefaultsInDevelopmentMode() {
        GatewayConfig config = GatewayConfig.fromEnv(DEV);

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.messageServiceTargets()).containsExactly("127.0.0.1:9090");
        assertThat(config.gatewaySecret()).isEqualTo("herald-local-gateway-secret");
        assertThat(config.authTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxFrameBytes()).isEqualTo(65_536);
        assertThat(config.outboundQueueLimit()).isEqualTo(1024);
        assertThat(config.outboundQueueBytes()).isEqualTo(8 << 20);
        assertThat(config.replyBound().maxReplyBytes()).isEqualTo(1 << 20);
        assertThat(config.backendDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxCallsInFlight()).isEqualTo(1024);
        assertThat(config.adaptiveCallLimit()).contains(
                new AdaptiveLimit(128, 1024, Duration.ofMillis(200), Duration.ofMillis(100)));
        assertThat(config.socketMaxInFlight()).isEqualTo(64);
        assertThat(config.maxSocketsPerUser()).isEqualTo(32);
        assertThat(config.presenceAckTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.linkKeepalive()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.resolveInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.auth().issuer()).isEqualTo("herald-dev");
        assertThat(config.logging().level()).isEqualTo("INFO");
        assertThat(config.logging().format()).isEqualTo("text");
        assertThat(config.ops()).isEqualTo(new OpsSettings("127.0.0.1", 8180));
        assertThat(config.devMode()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "                                | not set",
            "herald-local-gateway-secret     | value not shown",
            "only-31-characters-is-too-short | value not shown"})
    void refusesTheLocalDefaultOrAShortSecretOutsideDevelopmentMode(String secret, String what) {
        Map<String, String> env = secret == null ? Map.of() : Map.of("HERALD_GATEWAY_SECRET", secret);

        assertThatThrownBy(() -> GatewayConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HERALD_GATEWAY_SECRET: " + what + " (expected: at least 32 characters")
                .hasMessageNotContaining("herald-local-gateway-secret")
                .hasMessageNotContaining("too-short");
    }

    @Test
    void acceptsAStrongSecretWithoutDevelopmentMode() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("HERALD_GATEWAY_SECRET", STRONG_SECRET));

        assertThat(config.gatewaySecret()).isEqualTo(STRONG_SECRET);
        assertThat(config.devMode()).isFalse();
    }

    @Test
    void readsEveryVariable(@TempDir Path directory) {
        TestCertificates ca = TestCertificates.authority(directory, "ca");
        TestCertificates.Issued client = ca.client("gateway");
        TestCertificates.Issued server = ca.server("wss");
        GatewayConfig config = GatewayConfig.fromEnv(Map.ofEntries(
                Map.entry("HERALD_GRPC_TLS_CA", ca.caFile().toString()),
                Map.entry("HERALD_GRPC_TLS_CERT", client.certificateFile().toString()),
                Map.entry("HERALD_GRPC_TLS_KEY", client.keyFile().toString()),
                Map.entry("HERALD_GATEWAY_TLS_CERT", server.certificateFile().toString()),
                Map.entry("HERALD_GATEWAY_TLS_KEY", server.keyFile().toString()),
                Map.entry("HERALD_GATEWAY_PORT", "0"),
                Map.entry("HERALD_MESSAGE_SERVICE_TARGETS", " ms-1:9090, ms-2:9091 ,[::1]:9092"),
                Map.entry("HERALD_GATEWAY_SECRET", STRONG_SECRET),
                Map.entry("HERALD_DEV_MODE", "FALSE"),
                Map.entry("HERALD_AUTH_TIMEOUT_SECONDS", "3"),
                Map.entry("HERALD_MAX_FRAME_BYTES", "1024"),
                Map.entry("HERALD_OUTBOUND_QUEUE_LIMIT", "16"),
                Map.entry("HERALD_OUTBOUND_QUEUE_BYTES", "65536"),
                Map.entry("HERALD_MAX_REPLY_BYTES", "131072"),
                Map.entry("HERALD_BACKEND_DEADLINE_MS", "2500"),
                Map.entry("HERALD_MAX_CALLS_IN_FLIGHT", "64"),
                Map.entry("HERALD_MIN_CALLS_IN_FLIGHT", "4"),
                Map.entry("HERALD_CALL_LATENCY_TARGET_MS", "150"),
                Map.entry("HERALD_SOCKET_MAX_IN_FLIGHT", "8"),
                Map.entry("HERALD_MAX_SOCKETS_PER_USER", "3"),
                Map.entry("HERALD_PRESENCE_ACK_TIMEOUT_MS", "0"),
                Map.entry("HERALD_LINK_KEEPALIVE_SECONDS", "30"),
                Map.entry("HERALD_MESSAGE_SERVICE_RESOLVE_SECONDS", "2"),
                Map.entry("HERALD_JWKS_URL", "https://idp:8443/jwks.json"),
                Map.entry("HERALD_JWT_ISSUER", "iss"),
                Map.entry("HERALD_JWT_AUDIENCE", "aud"),
                Map.entry("HERALD_LOG_LEVEL", "debug"),
                Map.entry("HERALD_LOG_FORMAT", "json")));

        assertThat(config.port()).isZero();
        assertThat(config.grpcTls()).hasValueSatisfying(tls -> {
            assertThat(tls.ca().certificates()).containsExactly(ca.certificate());
            assertThat(tls.identity()).hasValueSatisfying(own ->
                    assertThat(own.chain()).containsExactly(client.certificate()));
        });
        assertThat(config.socketTls()).hasValueSatisfying(own ->
                assertThat(own.chain()).containsExactly(server.certificate()));
        assertThat(config.messageServiceTargets()).isEqualTo(List.of("ms-1:9090", "ms-2:9091", "[::1]:9092"));
        assertThat(config.gatewaySecret()).isEqualTo(STRONG_SECRET);
        assertThat(config.devMode()).isFalse();
        assertThat(config.authTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.maxFrameBytes()).isEqualTo(1024);
        assertThat(config.outboundQueueLimit()).isEqualTo(16);
        assertThat(config.outboundQueueBytes()).isEqualTo(65_536);
        assertThat(config.replyBound().grpcMaxMessageBytes()).isEqualTo(131_072 + (4 << 20));
        assertThat(config.backendDeadline()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.maxCallsInFlight()).isEqualTo(64);
        assertThat(config.adaptiveCallLimit()).contains(
                new AdaptiveLimit(4, 64, Duration.ofMillis(150), Duration.ofMillis(100)));
        assertThat(config.socketMaxInFlight()).isEqualTo(8);
        assertThat(config.maxSocketsPerUser()).isEqualTo(3);
        assertThat(config.presenceAckTimeout()).isZero();
        assertThat(config.linkKeepalive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.resolveInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.auth().jwksUrl().toString()).isEqualTo("https://idp:8443/jwks.json");
        assertThat(config.auth().audience()).isEqualTo("aud");
        assertThat(config.logging().level()).isEqualTo("DEBUG");
        assertThat(config.logging().format()).isEqualTo("json");
    }

    @Test
    void keepsTheCallBoundFixedWithoutALatencyTarget() {
        GatewayConfig config = GatewayConfig.fromEnv(devModeWith("HERALD_CALL_LATENCY_TARGET_MS", "0"));

        assertThat(config.adaptiveCallLimit()).isEmpty();
        assertThat(config.maxCallsInFlight()).isEqualTo(1024);
    }

    @Test
    void refusesACallFloorAboveTheCeiling() {
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true",
                "HERALD_MAX_CALLS_IN_FLIGHT", "16", "HERALD_MIN_CALLS_IN_FLIGHT", "32")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_MIN_CALLS_IN_FLIGHT: '32' (expected: at most HERALD_MAX_CALLS_IN_FLIGHT (16))");
        // A ceiling below the default floor brings the floor down with it.
        assertThat(GatewayConfig.fromEnv(devModeWith("HERALD_MAX_CALLS_IN_FLIGHT", "2")).adaptiveCallLimit())
                .hasValueSatisfying(rule -> assertThat(rule.min()).isEqualTo(2));
    }

    @Test
    void neverShowsTheGatewaySecret() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("HERALD_GATEWAY_SECRET", STRONG_SECRET));

        assertThat(config.toString()).doesNotContain(STRONG_SECRET).contains("messageServiceTargets=[127.0.0.1:9090]");
    }

    @Test
    void namesTheDevelopmentTokenEndpointOnlyInDevelopmentModeAndOnLoopback() {
        assertThat(GatewayConfig.fromEnv(DEV).devTokenUrl()).isEmpty();
        assertThat(GatewayConfig.fromEnv(devModeWith("HERALD_DEV_TOKEN_URL", "http://127.0.0.1:8090/token"))
                .devTokenUrl()).hasValue(URI.create("http://127.0.0.1:8090/token"));
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("HERALD_GATEWAY_SECRET", STRONG_SECRET,
                "HERALD_DEV_TOKEN_URL", "http://127.0.0.1:8090/token")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_DEV_TOKEN_URL: 'http://127.0.0.1:8090/token' (expected: unset outside development"
                        + " mode (HERALD_DEV_MODE=true))");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(devModeWith("HERALD_DEV_TOKEN_URL", "http://idp.example/token")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_DEV_TOKEN_URL: 'http://idp.example/token' (expected: a loopback URL, e.g."
                        + " http://127.0.0.1:8090/token)");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(devModeWith("HERALD_DEV_TOKEN_URL", "ftp://127.0.0.1/token")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HERALD_DEV_TOKEN_URL: 'ftp://127.0.0.1/token'");
    }

    @Test
    void namesTheValueAndWhatWasExpected() {
        assertThatThrownBy(() -> GatewayConfig.fromEnv(devModeWith("HERALD_GATEWAY_PORT", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_GATEWAY_PORT: '70000' (expected: 0..65535)");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(devModeWith("HERALD_MESSAGE_SERVICE_TARGETS", "a:1,a:1")))
                .hasMessage("HERALD_MESSAGE_SERVICE_TARGETS: 'a:1' (expected: each address once)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HERALD_GATEWAY_PORT             | http",
            "HERALD_MAX_CALLS_IN_FLIGHT      | 0",
            "HERALD_MIN_CALLS_IN_FLIGHT      | 0",
            "HERALD_CALL_LATENCY_TARGET_MS   | -1",
            "HERALD_SOCKET_MAX_IN_FLIGHT     | 0",
            "HERALD_SOCKET_MAX_IN_FLIGHT     | many",
            "HERALD_MAX_SOCKETS_PER_USER     | 0",
            "HERALD_MAX_SOCKETS_PER_USER     | -3",
            "HERALD_GATEWAY_PORT             | 70000",
            "HERALD_GATEWAY_PORT             | -1",
            "HERALD_AUTH_TIMEOUT_SECONDS     | 0",
            "HERALD_MAX_FRAME_BYTES          | 10",
            "HERALD_OUTBOUND_QUEUE_LIMIT     | 0",
            "HERALD_OUTBOUND_QUEUE_BYTES     | 65535",
            "HERALD_OUTBOUND_QUEUE_BYTES     | 8MiB",
            "HERALD_MAX_REPLY_BYTES          | 67108865",
            "HERALD_BACKEND_DEADLINE_MS      | ten",
            "HERALD_PRESENCE_ACK_TIMEOUT_MS  | -5",
            "HERALD_LINK_KEEPALIVE_SECONDS   | 5",
            "HERALD_MESSAGE_SERVICE_RESOLVE_SECONDS | 0",
            "HERALD_MESSAGE_SERVICE_RESOLVE_SECONDS | 3601",
            "HERALD_MESSAGE_SERVICE_TARGETS  | localhost",
            "HERALD_MESSAGE_SERVICE_TARGETS  | a:1,,b:2",
            "HERALD_MESSAGE_SERVICE_TARGETS  | a:0",
            "HERALD_MESSAGE_SERVICE_TARGETS  | a:1,a:1",
            "HERALD_MESSAGE_SERVICE_TARGETS  | :9090",
            "HERALD_GATEWAY_SECRET           | '  '",
            "HERALD_DEV_MODE                 | yes",
            "HERALD_JWKS_URL                 | ftp://idp/keys",
            "HERALD_JWT_LEEWAY_SECONDS       | 301",
            "HERALD_LOG_LEVEL                | verbose",
            "HERALD_LOG_FORMAT               | xml",
            "HERALD_OPS_PORT                 | 65536",
            "HERALD_OPS_PORT                 | metrics"})
    void failsNamingTheVariable(String name, String value) {
        assertThatThrownBy(() -> GatewayConfig.fromEnv(devModeWith(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(name);
    }

    /** {@code name=value} in development mode, so that a missing gateway secret does not fail first. */
    private static Map<String, String> devModeWith(String name, String value) {
        Map<String, String> env = new HashMap<>(DEV);
        env.put(name, value);
        return env;
    }
}
