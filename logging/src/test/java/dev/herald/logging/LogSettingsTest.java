package dev.herald.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

    @Test
    void defaultsAreInfoAndText() {
        assertThat(LogSettings.fromEnv(Env.of(Map.of()))).isEqualTo(new LogSettings("INFO", "text"));
    }

    @Test
    void anyCaseOfALevelIsAccepted() {
        assertThat(LogSettings.fromEnv(Env.of(Map.of("HERALD_LOG_LEVEL", "debug"))).level()).isEqualTo("DEBUG");
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> LogSettings.fromEnv(Env.of(Map.of("HERALD_LOG_LEVEL", "LOUD"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("HERALD_LOG_LEVEL: 'LOUD'");
        assertThatThrownBy(() -> LogSettings.fromEnv(Env.of(Map.of("HERALD_LOG_FORMAT", "JSON"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_LOG_FORMAT: 'JSON' (expected: text or json)");
    }
}
