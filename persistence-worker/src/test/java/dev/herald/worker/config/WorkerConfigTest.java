package dev.herald.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ConfigException;
import dev.herald.logging.LogSettings;
import dev.herald.observability.OpsSettings;
import dev.herald.schema.DatabaseConfig;
import dev.herald.stream.StreamSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkerConfigTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        WorkerConfig config = WorkerConfig.fromEnv(Map.of());

        assertThat(config.events()).isEqualTo(
                new StreamSettings("nats://127.0.0.1:4222", "HERALD_EVENTS", "herald.events", "herald-persistence",
                        1));
        assertThat(config.batchSize()).isEqualTo(4000);
        assertThat(config.batchMaxWait()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.pullAheadBatches()).isEqualTo(3);
        assertThat(config.ackWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofMillis(5000));
        assertThat(config.copy()).isTrue();
        assertThat(config.retention()).isEqualTo(
                new RetentionSettings(0, 1000, Duration.ofMillis(100), Duration.ofMinutes(60)));
        assertThat(config.retention().isEnabled()).isFalse();
        assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/herald");
        assertThat(config.log()).isEqualTo(new LogSettings("INFO", "text"));
        assertThat(config.ops()).isEqualTo(new OpsSettings("127.0.0.1", 9290));
    }

    @Test
    void everyVariableIsRead() {
        WorkerConfig config = WorkerConfig.fromEnv(Map.ofEntries(
                Map.entry("HERALD_NATS_URL", "nats://a:4222,nats://b:4222"),
                Map.entry("HERALD_NATS_STREAM", "EVENTS_1"),
                Map.entry("HERALD_NATS_SUBJECT_PREFIX", "it.abc-1"),
                Map.entry("HERALD_WORKER_DURABLE", "worker-1"),
                Map.entry("HERALD_WORKER_BATCH_SIZE", "250"),
                Map.entry("HERALD_WORKER_BATCH_MAX_WAIT_MS", "20"),
                Map.entry("HERALD_WORKER_PULL_AHEAD_BATCHES", "2"),
                Map.entry("HERALD_WORKER_ACK_WAIT_SECONDS", "2"),
                Map.entry("HERALD_WORKER_MAX_BACKOFF_MS", "800"),
                Map.entry("HERALD_WORKER_COPY", "false"),
                Map.entry("HERALD_RETENTION_DAYS", "30"),
                Map.entry("HERALD_RETENTION_BATCH_SIZE", "500"),
                Map.entry("HERALD_RETENTION_PAUSE_MS", "0"),
                Map.entry("HERALD_RETENTION_INTERVAL_MINUTES", "15"),
                Map.entry("HERALD_DB_URL", "jdbc:postgresql://db:5432/x"),
                Map.entry("HERALD_DB_POOL_SIZE", "3"),
                Map.entry("HERALD_LOG_LEVEL", "debug"),
                Map.entry("HERALD_LOG_FORMAT", "json"),
                Map.entry("HERALD_OPS_PORT", "9291")));

        assertThat(config).isEqualTo(new WorkerConfig(
                new StreamSettings("nats://a:4222,nats://b:4222", "EVENTS_1", "it.abc-1", "worker-1", 1),
                250, Duration.ofMillis(20), 2, Duration.ofSeconds(2), Duration.ofMillis(800), false,
                new RetentionSettings(30, 500, Duration.ZERO, Duration.ofMinutes(15)),
                new DatabaseConfig("jdbc:postgresql://db:5432/x", "postgres", "", 3),
                new LogSettings("DEBUG", "json"), new OpsSettings("127.0.0.1", 9291)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            HERALD_WORKER_BATCH_SIZE        | ten
            HERALD_WORKER_BATCH_SIZE        | 0
            HERALD_WORKER_BATCH_SIZE        | 10001
            HERALD_WORKER_BATCH_MAX_WAIT_MS | 0
            HERALD_WORKER_BATCH_MAX_WAIT_MS | 1.5
            HERALD_WORKER_PULL_AHEAD_BATCHES | 0
            HERALD_WORKER_PULL_AHEAD_BATCHES | 6
            HERALD_WORKER_ACK_WAIT_SECONDS  | 0
            HERALD_WORKER_ACK_WAIT_SECONDS  | -3
            HERALD_WORKER_MAX_BACKOFF_MS    | 0
            HERALD_WORKER_COPY              | yes
            HERALD_RETENTION_DAYS           | -1
            HERALD_RETENTION_DAYS           | 36501
            HERALD_RETENTION_BATCH_SIZE     | 0
            HERALD_RETENTION_PAUSE_MS       | 60001
            HERALD_RETENTION_INTERVAL_MINUTES | 0
            HERALD_NATS_URL                 | not a url
            HERALD_NATS_URL                 | nats://ok:4222,
            HERALD_NATS_STREAM              | HERALD.EVENTS
            HERALD_NATS_STREAM              | ''
            HERALD_NATS_SUBJECT_PREFIX      | herald.*
            HERALD_NATS_SUBJECT_PREFIX      | herald.events.
            HERALD_WORKER_DURABLE           | has space
            HERALD_DB_URL                   | jdbc:mysql://db/x
            HERALD_DB_POOL_SIZE             | 0
            HERALD_LOG_LEVEL                | LOUD
            HERALD_LOG_FORMAT               | xml
            """)
    void badValuesFailNamingTheVariable(String variable, String value) {
        assertThatThrownBy(() -> WorkerConfig.fromEnv(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + ": ");
    }

    @Test
    void anOutOfRangeValueSaysTheRange() {
        assertThatThrownBy(() -> WorkerConfig.fromEnv(Map.of("HERALD_WORKER_PULL_AHEAD_BATCHES", "6")))
                .hasMessage("HERALD_WORKER_PULL_AHEAD_BATCHES: '6' (expected: 1..5)");
    }
}
