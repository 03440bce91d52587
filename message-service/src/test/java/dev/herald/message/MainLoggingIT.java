package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testing.NatsServerProcess;
import dev.herald.testing.ServiceProcess;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Main} started for real (its runnable jar, as deploy/local/run.sh starts it, with a test nats-server and database):
 * {@code HERALD_LOG_LEVEL} and {@code HERALD_LOG_FORMAT} visibly take effect.
 */
class MainLoggingIT {

    private static final String SECRET = "gateway-secret-" + UUID.randomUUID();
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final ObjectMapper json = new ObjectMapper();

    static NatsServerProcess natsServer;
    static TestDatabase database;
    static String stream;

    @BeforeAll
    static void startDependencies() {
        natsServer = NatsServerProcess.start();
        database = TestDatabase.create();
        // The service checks the schema and never migrates: the migrate command's job, done here by the test.
        try (Database owner = new Database(new DatabaseConfig(database.jdbcUrl(), database.user(),
                database.password(), 1), "test-migrate")) {
            owner.migrate();
        }
        stream = "LOG_" + UUID.randomUUID().toString().replace("-", "");
    }

    @AfterAll
    static void stopDependencies() {
        database.close();
        natsServer.close();
    }

    @Test
    void jsonAtDebugWritesOneJsonObjectPerLineIncludingTheEffectiveConfigurationWithoutSecrets() throws Exception {
        List<String> lines = runUntilListening(Map.of("HERALD_LOG_LEVEL", "DEBUG", "HERALD_LOG_FORMAT", "json"));

        assertThat(lines).isNotEmpty().allMatch(line -> line.startsWith("{") && line.endsWith("}"));
        JsonNode starting = null;
        for (String line : lines) {
            JsonNode event = json.readTree(line); // fails the test if a line is not JSON
            if ("message-service starting".equals(event.path("message").asText())) {
                starting = event;
            }
        }
        assertThat(starting).as("the DEBUG line with the effective configuration").isNotNull();
        assertThat(starting.path("level").asText()).isEqualTo("DEBUG");
        assertThat(starting.path("logger_name").asText()).isEqualTo(MessageServer.class.getName());
        assertThat(starting.path("config").asText()).contains("stream=" + stream).contains("grpc=127.0.0.1:0");
        assertThat(lines).noneMatch(line -> line.contains(SECRET));
    }

    @Test
    void textAtDebugShowsTheDebugLine() {
        List<String> lines = runUntilListening(Map.of("HERALD_LOG_LEVEL", "DEBUG"));

        assertThat(lines).anyMatch(line -> line.contains(" DEBUG ") && line.contains("message-service starting"));
        assertThat(lines).noneMatch(line -> line.startsWith("{"));
        assertThat(lines).noneMatch(line -> line.contains(SECRET));
    }

    @Test
    void textAtTheDefaultLevelShowsNoDebugLine() {
        List<String> lines = runUntilListening(Map.of());

        assertThat(lines).anyMatch(line -> line.contains(" INFO ") && line.contains("message-service listening"));
        assertThat(lines).noneMatch(line -> line.contains(" DEBUG "));
    }

    /** Starts the service with {@code logging} on top of a working configuration; its stdout once it listens. */
    private static List<String> runUntilListening(Map<String, String> logging) {
        Map<String, String> env = new HashMap<>(Map.of(
                "HERALD_GRPC_HOST", "127.0.0.1",
                "HERALD_GRPC_PORT", "0",
                "HERALD_NATS_URL", natsServer.url(),
                "HERALD_NATS_STREAM", stream,
                "HERALD_NATS_SUBJECT_PREFIX", "it." + stream,
                "HERALD_GATEWAY_SECRET", SECRET,
                "HERALD_DB_URL", database.jdbcUrl(),
                "HERALD_DB_USER", database.user(),
                "HERALD_DB_PASSWORD", database.password()));
        env.put("HERALD_OPS_PORT", "0");
        env.putAll(logging);
        try (ServiceProcess service = ServiceProcess.startShadedJar(env)) {
            assertThat(service.awaitStdoutLine(line -> line.contains("message-service listening"), STARTUP))
                    .as("started; stderr: %s", service.stderr())
                    .isPresent();
            return service.stdout();
        }
    }
}
