package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ConfigException;
import dev.herald.testing.TestCertificates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's TLS variables: the client side of gRPC TLS ({@code HERALD_GRPC_TLS_CA}, and its own certificate for
 * mutual TLS), plain text to the message-services only on loopback or in development mode, and wss
 * ({@code HERALD_GATEWAY_TLS_CERT}/{@code _KEY}).
 */
class GatewayTlsConfigTest {

    private static final String SECRET = "strong-gateway-secret-of-40-characters!!";

    @TempDir
    Path directory;
    TestCertificates ca;

    @BeforeEach
    void authority() {
        ca = TestCertificates.authority(directory, "ca");
    }

    @Test
    void plainTextToATargetBeyondLoopbackIsRefusedOutsideDevelopmentMode() {
        assertThatThrownBy(() -> GatewayConfig.fromEnv(
                env("HERALD_MESSAGE_SERVICE_TARGETS", "127.0.0.1:9090,ms-2:9090")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_GRPC_TLS_CA: not set (expected: the CA of the message-services' certificates "
                        + "when target 'ms-2:9090' of HERALD_MESSAGE_SERVICE_TARGETS is not loopback, "
                        + "unless HERALD_DEV_MODE=true)");
    }

    @Test
    void plainTextToLoopbackTargetsOrInDevelopmentModeIsAllowed() {
        assertThat(GatewayConfig.fromEnv(env("HERALD_MESSAGE_SERVICE_TARGETS", "127.0.0.1:9090,[::1]:9091,localhost:1"))
                .grpcTls()).isEmpty();
        assertThat(GatewayConfig.fromEnv(env("HERALD_MESSAGE_SERVICE_TARGETS", "ms-1:9090", "HERALD_DEV_MODE", "true"))
                .grpcTls()).isEmpty();
    }

    @Test
    void aCaAloneIsServerOnlyTls() {
        GatewayConfig config = GatewayConfig.fromEnv(env("HERALD_MESSAGE_SERVICE_TARGETS", "ms-1:9090",
                "HERALD_GRPC_TLS_CA", ca.caFile().toString()));

        assertThat(config.grpcTls()).hasValueSatisfying(tls -> assertThat(tls.presentsCertificate()).isFalse());
    }

    @Test
    void aClientCertificateWithoutACaIsRefused() {
        TestCertificates.Issued client = ca.client("gateway");

        assertThatThrownBy(() -> GatewayConfig.fromEnv(env("HERALD_GRPC_TLS_CERT", client.certificateFile().toString(),
                "HERALD_GRPC_TLS_KEY", client.keyFile().toString())))
                .hasMessage("HERALD_GRPC_TLS_CA: not set (expected: the CA of the message-services' certificates "
                        + "whenever HERALD_GRPC_TLS_CERT is set)");
    }

    @Test
    void aWebSocketKeyWithoutItsCertificateIsRefused() {
        TestCertificates.Issued server = ca.server("wss");

        assertThatThrownBy(() -> GatewayConfig.fromEnv(env("HERALD_GATEWAY_TLS_KEY", server.keyFile().toString())))
                .hasMessage("HERALD_GATEWAY_TLS_CERT: not set (expected: set together with HERALD_GATEWAY_TLS_KEY)");
    }

    @Test
    void theWebSocketCertificateIsNamedInTheStartupLogNeverItsKey() {
        TestCertificates.Issued server = ca.server("wss");

        GatewayConfig config = GatewayConfig.fromEnv(env("HERALD_GATEWAY_TLS_CERT", server.certificateFile().toString(),
                "HERALD_GATEWAY_TLS_KEY", server.keyFile().toString()));

        assertThat(config.toString()).contains("socketTls=Optional[TlsIdentity[subject=CN=wss")
                .doesNotContain("PRIVATE");
    }

    private static Map<String, String> env(String... namesAndValues) {
        Map<String, String> env = new HashMap<>(Map.of("HERALD_GATEWAY_SECRET", SECRET));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return env;
    }
}
