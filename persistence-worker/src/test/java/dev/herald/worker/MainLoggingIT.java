package dev.herald.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testing.ServiceProcess;
import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.NatsExtension;
import dev.herald.worker.testing.WorkerScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker's {@link Main} as a process with the production {@code logback.xml}: {@code HERALD_LOG_LEVEL} sets the
 * level of everything it logs and {@code HERALD_LOG_FORMAT=json} makes every line one JSON object.
 */
class MainLoggingIT {

    @RegisterExtension
    static final NatsExtension nats = new NatsExtension();
    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final ObjectMapper json = new ObjectMapper();

    @Test
    void jsonAtDebugIsOneObjectPerLineIncludingDebugOnes() {
        List<String> lines = runUntilStarted(Map.of("HERALD_LOG_LEVEL", "DEBUG", "HERALD_LOG_FORMAT", "json"));

        List<JsonNode> events = lines.stream().map(MainLoggingIT::parse).toList();
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("level").asText()).isEqualTo("DEBUG");
            assertThat(event.path("message").asText()).isEqualTo("persistence-worker configuration read");
            assertThat(event.path("batchSize").asInt()).isEqualTo(4000);
        });
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("level").asText()).isEqualTo("INFO");
            assertThat(event.path("message").asText()).isEqualTo("persistence-worker started");
            assertThat(event.path("consumer").asText()).startsWith("worker-");
        });
    }

    @Test
    void debugLinesAppearOnlyWhenTheLevelAsksForThem() {
        List<String> atInfo = runUntilStarted(Map.of());
        List<String> atDebug = runUntilStarted(Map.of("HERALD_LOG_LEVEL", "debug"));

        assertThat(atInfo).noneMatch(line -> line.contains(" DEBUG "));
        assertThat(atDebug).anyMatch(line -> line.contains(" DEBUG ")
                && line.contains("persistence-worker configuration read") && line.contains("batchSize=\"4000\""));
        // The root level, not just Herald's loggers: the libraries' debug lines show too.
        assertThat(atDebug).anyMatch(line -> line.contains(" DEBUG ") && line.contains("com.zaxxer.hikari"));
    }

    /** Starts the worker on its own stream and database, returns its stdout once it is pulling, then stops it. */
    private static List<String> runUntilStarted(Map<String, String> logging) {
        Map<String, String> env = new WorkerScope(nats, db.env()).env(logging);
        try (ServiceProcess worker = ServiceProcess.startShadedJar(env)) {
            assertThat(worker.awaitStdoutLine(line -> line.contains("persistence-worker started"), STARTUP))
                    .as("stdout %s, stderr %s", worker.stdout(), worker.stderr())
                    .isPresent();
            return worker.stdout();
        }
    }

    private static JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }
}
