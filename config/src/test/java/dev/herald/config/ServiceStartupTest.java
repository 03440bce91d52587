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
    private final AtomicInteger exits = new AtomicInteger();
    private final ServiceStartup startup = new ServiceStartup(
            "gateway", new PrintStream(stderr, true, StandardCharsets.UTF_8), exits::incrementAndGet);

    @Test
    void aGoodConfigurationIsReturned() {
        int port = startup.configuration(() -> Env.of(Map.of("HERALD_P", "1")).integer("HERALD_P", 0, 0, 9));

        assertThat(port).isEqualTo(1);
        assertThat(exits).hasValue(0);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aBadValueIsOneLineNamingTheVariableThenExit() {
        assertThatThrownBy(() -> startup.configuration(
                () -> Env.of(Map.of("HERALD_P", "x")).integer("HERALD_P", 0, 0, 9)))
                .isInstanceOf(ConfigException.class);

        assertThat(exits).hasValue(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(
                "herald gateway: invalid configuration: HERALD_P: 'x' (expected: an integer from 0 to 9)"
                        + System.lineSeparator());
    }
}
