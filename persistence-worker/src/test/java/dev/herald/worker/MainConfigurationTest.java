package dev.herald.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worker's {@link Main} as an operator starts it, with one variable wrong: it stops before connecting. */
class MainConfigurationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            HERALD_WORKER_BATCH_SIZE | 0          | HERALD_WORKER_BATCH_SIZE: '0' (expected: 1..10000)
            HERALD_DB_URL            | mysql://x  | HERALD_DB_URL: 'mysql://x' (expected: jdbc:postgresql://host:port/database)
            HERALD_LOG_FORMAT        | xml        | HERALD_LOG_FORMAT: 'xml' (expected: text or json)
            HERALD_NATS_STREAM       | A.B        | HERALD_NATS_STREAM: 'A.B' (expected: 1-64 of A-Z a-z 0-9 _ -)
            """)
    void aBadValueStopsItWithOneLineAndStatus2(String variable, String value, String message) {
        try (ServiceProcess worker = ServiceProcess.start(Main.class.getName(), Map.of(variable, value))) {
            assertThat(worker.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(worker.stderr())
                    .containsExactly("herald persistence-worker: invalid configuration: " + message);
            assertThat(worker.stdout()).isEmpty();
        }
    }
}
