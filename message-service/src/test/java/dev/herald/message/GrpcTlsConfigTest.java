package dev.herald.message;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code HERALD_GRPC_TLS_*} as the message-service reads them: TLS with a certificate and key, mutual TLS with a
 * client CA, and plain text only on loopback or in development mode (like the JWKS URL's https rule).
 */
class GrpcTlsConfigTest {

    private static final String SECRET = "strong-gateway-secret-of-40-characters!!";

    @TempDir
    Path directory;
    TestCertificates ca;
    TestCertificates.Issued server;

    @BeforeEach
    void certificates() {
        ca = TestCertificates.authority(directory, "herald-test-ca");
        server = ca.server("message-service");
    }

    @Test
    void plainTextBeyondLoopbackIsRefusedOutsideDevelopmentMode() {
        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(Map.of("HERALD_GATEWAY_SECRET", SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_GRPC_TLS_CERT: not set (expected: a PEM certificate, with HERALD_GRPC_TLS_KEY, "
                        + "when HERALD_GRPC_HOST '0.0.0.0' is not loopback, unless HERALD_DEV_MODE=true)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "::1"})
    void plainTextOnLoopbackIsAllowed(String host) {
        MessageServiceConfig config = MessageServiceConfig.fromEnv(
                Map.of("HERALD_GATEWAY_SECRET", SECRET, "HERALD_GRPC_HOST", host));

        assertThat(config.grpcTls()).isEmpty();
    }

    @Test
    void developmentModeAllowsPlainTextAnywhere() {
        assertThat(MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true")).grpcTls()).isEmpty();
    }

    @Test
    void aCertificateAndKeyServeTlsOnAnyHost() {
        MessageServiceConfig config = MessageServiceConfig.fromEnv(withSecret(
                "HERALD_GRPC_TLS_CERT", server.certificateFile().toString(),
                "HERALD_GRPC_TLS_KEY", server.keyFile().toString()));

        assertThat(config.grpcTls()).hasValueSatisfying(tls -> {
            assertThat(tls.identity().chain()).containsExactly(server.certificate());
            assertThat(tls.requiresGatewayCertificates()).isFalse();
        });
        assertThat(config.toString()).contains("subject=CN=message-service").doesNotContain("PRIVATE");
    }

    @Test
    void aClientCaRequiresGatewayCertificates() {
        MessageServiceConfig config = MessageServiceConfig.fromEnv(withSecret(
                "HERALD_GRPC_TLS_CERT", server.certificateFile().toString(),
                "HERALD_GRPC_TLS_KEY", server.keyFile().toString(),
                "HERALD_GRPC_TLS_CLIENT_CA", ca.caFile().toString()));

        assertThat(config.grpcTls()).hasValueSatisfying(tls ->
                assertThat(tls.requiresGatewayCertificates()).isTrue());
    }

    @Test
    void aClientCaWithoutACertificateIsRefused() {
        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(withSecret(
                "HERALD_GRPC_HOST", "127.0.0.1", "HERALD_GRPC_TLS_CLIENT_CA", ca.caFile().toString())))
                .hasMessage("HERALD_GRPC_TLS_CLIENT_CA: set without HERALD_GRPC_TLS_CERT (expected: "
                        + "HERALD_GRPC_TLS_CERT and HERALD_GRPC_TLS_KEY too: client certificates need TLS)");
    }

    @Test
    void aKeyWithoutItsCertificateIsRefused() {
        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(withSecret(
                "HERALD_GRPC_TLS_KEY", server.keyFile().toString())))
                .hasMessage("HERALD_GRPC_TLS_CERT: not set (expected: set together with HERALD_GRPC_TLS_KEY)");
    }

    @Test
    void theKeyOfAnotherCertificateIsRefused() {
        TestCertificates.Issued other = ca.server("other");

        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(withSecret(
                "HERALD_GRPC_TLS_CERT", server.certificateFile().toString(),
                "HERALD_GRPC_TLS_KEY", other.keyFile().toString())))
                .hasMessage("HERALD_GRPC_TLS_KEY: '" + other.keyFile()
                        + "' (expected: the private key of the first certificate in HERALD_GRPC_TLS_CERT)");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        TestCertificates.Issued expired = ca.expiredServer("expired");

        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(withSecret(
                "HERALD_GRPC_TLS_CERT", expired.certificateFile().toString(),
                "HERALD_GRPC_TLS_KEY", expired.keyFile().toString())))
                .hasMessageStartingWith("HERALD_GRPC_TLS_CERT: '" + expired.certificateFile()
                        + "' (expected: a certificate that has not expired; it expired at ");
    }

    @Test
    void aCertificateFileGivenAsTheKeyIsRefused() {
        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(withSecret(
                "HERALD_GRPC_TLS_CERT", server.certificateFile().toString(),
                "HERALD_GRPC_TLS_KEY", server.certificateFile().toString())))
                .hasMessage("HERALD_GRPC_TLS_KEY: '" + server.certificateFile() + "' (expected: an unencrypted "
                        + "PKCS#8 PEM private key (BEGIN PRIVATE KEY; convert with openssl pkcs8 -topk8 -nocrypt))");
    }

    private static Map<String, String> withSecret(String... namesAndValues) {
        Map<String, String> env = new HashMap<>(Map.of("HERALD_GATEWAY_SECRET", SECRET));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return env;
    }
}
