package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Main} as operators meet it: a bad variable stops it with one line naming the variable and exit 2. */
class MainBadConfigurationIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            HERALD_GATEWAY_PORT            | http    | HERALD_GATEWAY_PORT: 'http' (expected: an integer from 0 to 65535)
            HERALD_LOG_FORMAT              | xml     | HERALD_LOG_FORMAT: 'xml' (expected: text or json)
            HERALD_MESSAGE_SERVICE_TARGETS | ms:9090 ms:9091 | HERALD_MESSAGE_SERVICE_TARGETS: 'ms:9090 ms:9091' (expected: comma-separated host:port, e.g. 127.0.0.1:9090)
            """)
    void aBadVariableStopsItWithOneLineAndExitTwo(String name, String value, String expected) {
        // Nothing else is configured or running: the configuration is read before anything starts.
        try (ServiceProcess gateway = ServiceProcess.startShadedJar(Map.of(name, value))) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.stderr().isEmpty());
            assertThat(gateway.stderr()).containsExactly("herald gateway: invalid configuration: " + expected);
            assertThat(gateway.stdout()).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
        }
    }
}
