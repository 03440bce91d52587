package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.ServiceProcess;
import dev.herald.testing.TestCertificates;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Main} as operators meet it: a bad variable stops it with one line naming the variable and exit 2. */
class MainBadConfigurationIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            HERALD_GRPC_PORT   | 99999 | HERALD_GRPC_PORT: '99999' (expected: 0..65535)
            HERALD_NATS_STREAM | a.b   | HERALD_NATS_STREAM: 'a.b' (expected: 1-64 of A-Z a-z 0-9 _ -)
            HERALD_LOG_LEVEL   | LOUD  | HERALD_LOG_LEVEL: 'LOUD' (expected: one of TRACE, DEBUG, INFO, WARN, ERROR, OFF)
            HERALD_DB_URL      | mysql | HERALD_DB_URL: 'mysql' (expected: jdbc:postgresql://host:port/database)
            HERALD_GRPC_HOST   | -1x%  | HERALD_GRPC_HOST: '-1x%' (expected: an IP address or a host name)
            HERALD_LINK_BUFFER_BYTES | 1024 | HERALD_LINK_BUFFER_BYTES: '1024' (expected: 1048576..1073741824)
            """)
    void aBadVariableStopsItWithOneLineAndExitTwo(String name, String value, String expected) {
        // Nothing else is configured or running: the configuration is read before anything is connected.
        // Development mode lets the gateway secret keep its default, so that only the variable under test is wrong.
        try (ServiceProcess service = ServiceProcess.startShadedJar(Map.of(name, value, "HERALD_DEV_MODE", "true"))) {
            assertThat(service.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(service.stderr())
                    .containsExactly("herald message-service: invalid configuration: " + expected);
            assertThat(service.stdout()).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
        }
    }

    @Test
    void theLocalGatewaySecretOutsideDevelopmentModeStopsItWithOneLineAndExitTwo() {
        try (ServiceProcess service = ServiceProcess.startShadedJar(Map.of())) {
            assertThat(service.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(service.stderr()).containsExactly("herald message-service: invalid configuration: "
                    + "HERALD_GATEWAY_SECRET: not set (expected: at least 32 characters, not the local default, "
                    + "unless HERALD_DEV_MODE=true)");
        }
    }

    @Test
    void plainTextGrpcBeyondLoopbackOutsideDevelopmentModeStopsIt() {
        assertStopsWith(Map.of("HERALD_GATEWAY_SECRET", "a-gateway-secret-of-32-characters-or-more"),
                "HERALD_GRPC_TLS_CERT: not set (expected: a PEM certificate, with HERALD_GRPC_TLS_KEY, "
                        + "when HERALD_GRPC_HOST '0.0.0.0' is not loopback, unless HERALD_DEV_MODE=true)");
    }

    @Test
    void aClockOffsetOutsideDevelopmentModeStopsIt() {
        assertStopsWith(Map.of("HERALD_GATEWAY_SECRET", "a-gateway-secret-of-32-characters-or-more",
                        "HERALD_GRPC_HOST", "127.0.0.1", "HERALD_CLOCK_OFFSET_MS", "2000"),
                "HERALD_CLOCK_OFFSET_MS: '2000' (expected: 0 outside development mode (HERALD_DEV_MODE=true): "
                        + "it skews message ids and times on purpose)");
    }

    @Test
    void aMissingCertificateFileStopsIt(@TempDir Path directory) {
        Path missing = directory.resolve("missing.pem");
        assertStopsWith(Map.of("HERALD_DEV_MODE", "true", "HERALD_GRPC_TLS_CERT", missing.toString(),
                        "HERALD_GRPC_TLS_KEY", missing.toString()),
                "HERALD_GRPC_TLS_CERT: '" + missing + "' (expected: a readable PEM file; there is no such file)");
    }

    @Test
    void aKeyWithoutItsCertificateStopsIt(@TempDir Path directory) {
        TestCertificates.Issued server = TestCertificates.authority(directory, "ca").server("message-service");
        assertStopsWith(Map.of("HERALD_DEV_MODE", "true", "HERALD_GRPC_TLS_KEY", server.keyFile().toString()),
                "HERALD_GRPC_TLS_CERT: not set (expected: set together with HERALD_GRPC_TLS_KEY)");
    }

    @Test
    void anUnreadablePemStopsIt(@TempDir Path directory) throws Exception {
        TestCertificates.Issued server = TestCertificates.authority(directory, "ca").server("message-service");
        Path garbage = Files.writeString(directory.resolve("garbage.pem"),
                "-----BEGIN CERTIFICATE-----\nnot base64!\n");
        assertStopsWith(Map.of("HERALD_DEV_MODE", "true", "HERALD_GRPC_TLS_CERT", garbage.toString(),
                        "HERALD_GRPC_TLS_KEY", server.keyFile().toString()),
                "HERALD_GRPC_TLS_CERT: '" + garbage
                        + "' (expected: a PEM file of X.509 certificates (BEGIN CERTIFICATE))");
    }

    private static void assertStopsWith(Map<String, String> env, String expected) {
        try (ServiceProcess service = ServiceProcess.startShadedJar(env)) {
            assertThat(service.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(service.stderr()).containsExactly("herald message-service: invalid configuration: " + expected);
        }
    }

    @Test
    void aFailedStartStopsItWithOneLineAndExitOne() throws Exception {
        int nobodyListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListens = socket.getLocalPort();
        }
        Map<String, String> env = Map.of("HERALD_DB_URL", "jdbc:postgresql://127.0.0.1:" + nobodyListens + "/herald",
                "HERALD_GRPC_PORT", "0", "HERALD_DEV_MODE", "true");
        try (ServiceProcess service = ServiceProcess.startShadedJar(env)) {
            assertThat(service.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(service.stderr()).filteredOn(line -> line.startsWith("herald message-service: "))
                    .singleElement().asString()
                    .startsWith("herald message-service: cannot start: ")
                    .contains("Connection to 127.0.0.1:" + nobodyListens + " refused");
        }
    }
}
