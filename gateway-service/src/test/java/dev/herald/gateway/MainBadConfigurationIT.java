package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.ServiceProcess;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Main} as operators meet it: a bad variable stops it with one line naming the variable and exit 2, a failed
 * start with one line and exit 1.
 */
class MainBadConfigurationIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            HERALD_GATEWAY_PORT            | http    | HERALD_GATEWAY_PORT: 'http' (expected: an integer from 0 to 65535)
            HERALD_LOG_FORMAT              | xml     | HERALD_LOG_FORMAT: 'xml' (expected: text or json)
            HERALD_MESSAGE_SERVICE_TARGETS | ms:9090 ms:9091 | HERALD_MESSAGE_SERVICE_TARGETS: 'ms:9090 ms:9091' (expected: comma-separated host:port, e.g. 127.0.0.1:9090)
            HERALD_GATEWAY_TLS_CERT        | /nonexistent/herald/cert.pem | HERALD_GATEWAY_TLS_CERT: '/nonexistent/herald/cert.pem' (expected: a readable PEM file; there is no such file)
            HERALD_GRPC_TLS_CA             | /nonexistent/herald/ca.pem | HERALD_GRPC_TLS_CA: '/nonexistent/herald/ca.pem' (expected: a readable PEM file; there is no such file)
            """)
    void aBadVariableStopsItWithOneLineAndExitTwo(String name, String value, String expected) {
        // Nothing else is configured or running: the configuration is read before anything starts. Development
        // mode lets the gateway secret keep its default, so that only the variable under test is wrong.
        try (ServiceProcess gateway = ServiceProcess.startShadedJar(Map.of(name, value, "HERALD_DEV_MODE", "true"))) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(gateway.stderr()).containsExactly("herald gateway: invalid configuration: " + expected);
            assertThat(gateway.stdout()).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
        }
    }

    @Test
    void theLocalGatewaySecretOutsideDevelopmentModeStopsItWithOneLineAndExitTwo() {
        try (ServiceProcess gateway = ServiceProcess.startShadedJar(Map.of())) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(gateway.stderr()).containsExactly("herald gateway: invalid configuration: "
                    + "HERALD_GATEWAY_SECRET: not set (expected: at least 32 characters, not the local default, "
                    + "unless HERALD_DEV_MODE=true)");
        }
    }

    @Test
    void aTakenPortStopsItWithOneLineAndExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
                ServiceProcess gateway = ServiceProcess.startShadedJar(Map.of(
                        "HERALD_GATEWAY_PORT", Integer.toString(taken.getLocalPort()), "HERALD_OPS_PORT", "0",
                        "HERALD_DEV_MODE", "true"))) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(gateway.stderr()).filteredOn(line -> line.startsWith("herald gateway: "))
                    .singleElement().asString()
                    .startsWith("herald gateway: cannot start: ")
                    .contains(Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void aTakenOperationsPortStopsItWithOneLineNamingTheVariables() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                ServiceProcess gateway = ServiceProcess.startShadedJar(Map.of(
                        "HERALD_GATEWAY_PORT", "0", "HERALD_OPS_PORT", Integer.toString(taken.getLocalPort()),
                        "HERALD_DEV_MODE", "true"))) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(gateway.stderr()).filteredOn(line -> line.startsWith("herald gateway: "))
                    .singleElement().asString()
                    .startsWith("herald gateway: cannot start: ")
                    .contains("127.0.0.1:" + taken.getLocalPort())
                    .contains("HERALD_OPS_HOST / HERALD_OPS_PORT");
        }
    }
}
