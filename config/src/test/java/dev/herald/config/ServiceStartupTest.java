package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceStartupTest {

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final AtomicInteger exitStatus = new AtomicInteger(-1);
    private final ServiceStartup startup = new ServiceStartup(
            "gateway", new PrintStream(stderr, true, StandardCharsets.UTF_8), exitStatus::set);

    @Test
    void aGoodConfigurationIsReturned() {
        int port = startup.configuration(() -> Env.of(Map.of("HERALD_P", "1")).integer("HERALD_P", 0, 0, 9));

        assertThat(port).isEqualTo(1);
        assertThat(exitStatus).hasValue(-1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aBadValueIsOneLineNamingTheVariableThenExit() {
        assertThatThrownBy(() -> startup.configuration(
                () -> Env.of(Map.of("HERALD_P", "x")).integer("HERALD_P", 0, 0, 9)))
                .isInstanceOf(ConfigException.class);

        assertThat(exitStatus).hasValue(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(
                "herald gateway: invalid configuration: HERALD_P: 'x' (expected: an integer from 0 to 9)"
                        + System.lineSeparator());
    }

    @Test
    void aFailedStartIsOneLineWithItsCausesThenExitOne() {
        assertThatThrownBy(() -> startup.start(() -> {
            throw new java.io.IOException("Failed to bind to 0.0.0.0:9090",
                    new java.net.BindException("Address already in use"));
        })).isInstanceOf(java.io.IOException.class);

        assertThat(exitStatus).hasValue(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("herald gateway: cannot start: IOException: "
                + "Failed to bind to 0.0.0.0:9090 (BindException: Address already in use)" + System.lineSeparator());
    }

    @Test
    void aGoodStartIsReturned() throws Exception {
        assertThat(startup.start(() -> "server")).isEqualTo("server");
        assertThat(exitStatus).hasValue(-1);
    }
}
