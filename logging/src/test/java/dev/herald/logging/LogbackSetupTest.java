package dev.herald.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testing.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared {@code logback.xml}, read by a real JVM with the variables set as an operator would. */
class LogbackSetupTest {

    private static final Duration EXIT = Duration.ofSeconds(30);

    @Test
    void defaultsAreInfoAsText() {
        List<String> lines = run(Map.of());

        assertThat(lines).noneMatch(line -> line.contains("debug line"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(" INFO ").contains("info line")
                .contains("stream=\"S\""));
    }

    @Test
    void textShowsTheTraceIdOnlyOnLinesThatHaveOne() {
        List<String> lines = run(Map.of("HERALD_LOG_LEVEL", "DEBUG"));

        assertThat(lines).anySatisfy(line -> assertThat(line)
                .endsWith("info line trace_id=4bf92f3577b34da6a3ce929d0e0e4736 stream=\"S\""));
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith("debug line stream=\"S\""));
        assertThat(lines).filteredOn(line -> !line.contains("info line")).noneMatch(line -> line.contains("trace_id"));
    }

    @Test
    void levelSetsTheRootLevel() {
        assertThat(run(Map.of("HERALD_LOG_LEVEL", "DEBUG"))).anyMatch(line -> line.contains("debug line"));
        assertThat(run(Map.of("HERALD_LOG_LEVEL", "warn")))
                .noneMatch(line -> line.contains("info line")).anyMatch(line -> line.contains("warn line"));
    }

    @Test
    void librariesThatWouldLogTokensOrBodiesStayAtInfo() {
        List<String> lines = run(Map.of("HERALD_LOG_LEVEL", "DEBUG"));

        assertThat(lines).anyMatch(line -> line.contains("debug line"));
        assertThat(lines).noneMatch(line -> line.contains("bearer token") || line.contains("message body"));
    }

    @Test
    void jsonIsOneObjectPerLineWithKeyValuesAsFields() throws Exception {
        List<String> lines = run(Map.of("HERALD_LOG_FORMAT", "json", "HERALD_LOG_LEVEL", "DEBUG"));

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(json.readTree(line));
        }
        assertThat(events).extracting(e -> e.path("level").asText()).containsExactly("DEBUG", "INFO", "WARN");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.path("stream").asText()).isEqualTo("S");
            assertThat(e.path("logger_name").asText()).isEqualTo(LogSample.class.getName());
        });
        assertThat(events.get(1).path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(events.get(1).path("span_id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(events.get(0).has("trace_id")).isFalse();
    }

    private static List<String> run(Map<String, String> env) {
        try (ServiceProcess process = ServiceProcess.start(LogSample.class.getName(), env)) {
            assertThat(process.awaitExit(EXIT)).isZero();
            process.awaitStdoutLine(line -> line.contains("warn line"), EXIT);
            return process.stdout();
        }
    }
}
