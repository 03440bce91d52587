package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testing.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link Main} started for real (the runnable jar, as {@code deploy/local/run.sh} starts it): {@code HERALD_LOG_LEVEL} and
 * {@code HERALD_LOG_FORMAT} visibly take effect. The gateway starts without a message-service: its links keep
 * retrying a port nobody listens on, which is all these tests need.
 */
class MainLoggingIT {

    private static final String SECRET = "gateway-secret-" + UUID.randomUUID();
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final ObjectMapper json = new ObjectMapper();

    @Test
    void jsonAtDebugWritesOneJsonObjectPerLineIncludingTheEffectiveConfigurationWithoutTheSecret() throws Exception {
        List<String> lines = runUntilListening(Map.of("HERALD_LOG_LEVEL", "DEBUG", "HERALD_LOG_FORMAT", "json"));

        assertThat(lines).isNotEmpty().allMatch(line -> line.startsWith("{") && line.endsWith("}"));
        JsonNode starting = null;
        for (String line : lines) {
            JsonNode event = json.readTree(line); // fails the test if a line is not JSON
            assertThat(event.isObject()).as(line).isTrue();
            if ("gateway starting".equals(event.path("message").asText())) {
                starting = event;
            }
        }
        assertThat(starting).as("the DEBUG line with the effective configuration").isNotNull();
        assertThat(starting.path("level").asText()).isEqualTo("DEBUG");
        assertThat(starting.path("logger_name").asText()).isEqualTo(GatewayServer.class.getName());
        assertThat(starting.path("config").asText()).contains("port=0").contains("logging=LogSettings[level=DEBUG");
        assertThat(lines).noneMatch(line -> line.contains(SECRET));
        assertThat(lines).as("Grizzly's java.util.logging lines, bridged").anySatisfy(line -> assertThat(
                json.readTree(line).path("logger_name").asText()).startsWith("org.glassfish.grizzly"));
    }

    @Test
    void textAtDebugShowsTheDebugLine() {
        List<String> lines = runUntilListening(Map.of("HERALD_LOG_LEVEL", "DEBUG"));

        assertThat(lines).anyMatch(line -> line.contains(" DEBUG ") && line.contains("gateway starting"));
        assertThat(lines).noneMatch(line -> line.startsWith("{"));
        assertThat(lines).noneMatch(line -> line.contains(SECRET));
    }

    @Test
    void textAtTheDefaultLevelShowsNoDebugLine() {
        List<String> lines = runUntilListening(Map.of());

        assertThat(lines).anyMatch(line -> line.contains(" INFO ") && line.contains("gateway listening"));
        assertThat(lines).noneMatch(line -> line.contains(" DEBUG "));
    }

    /** Starts the gateway with {@code logging} on top of a working configuration; its stdout once it listens. */
    private static List<String> runUntilListening(Map<String, String> logging) {
        Map<String, String> env = new HashMap<>(Map.of(
                "HERALD_GATEWAY_PORT", "0",
                "HERALD_OPS_PORT", "0",
                "HERALD_MESSAGE_SERVICE_TARGETS", "127.0.0.1:" + portNobodyListensOn(),
                "HERALD_GATEWAY_SECRET", SECRET));
        env.putAll(logging);
        try (ServiceProcess gateway = ServiceProcess.startShadedJar(env)) {
            assertThat(gateway.awaitStdoutLine(line -> line.contains("gateway listening"), STARTUP))
                    .as("started; stderr: %s", gateway.stderr())
                    .isPresent();
            assertThat(gateway.stderr()).as("nothing logged around logback (java.util.logging's own format)")
                    .noneMatch(line -> line.matches("(INFO|WARNING|SEVERE): .*"));
            return gateway.stdout();
        }
    }

    private static int portNobodyListensOn() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
