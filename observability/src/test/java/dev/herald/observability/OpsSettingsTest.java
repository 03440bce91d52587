package dev.herald.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsSettingsTest {

    @Test
    void defaultsToLoopbackAndTheServicesPort() {
        assertThat(OpsSettings.from(Env.of(Map.of()), 8180)).isEqualTo(new OpsSettings("127.0.0.1", 8180));
    }

    @Test
    void readsHostAndPort() {
        Env env = Env.of(Map.of("HERALD_OPS_HOST", "0.0.0.0", "HERALD_OPS_PORT", "0"));
        assertThat(OpsSettings.from(env, 9190)).isEqualTo(new OpsSettings("0.0.0.0", 0));
    }

    @Test
    void aBadPortNamesTheVariable() {
        assertThatThrownBy(() -> OpsSettings.from(Env.of(Map.of("HERALD_OPS_PORT", "70000")), 9290))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HERALD_OPS_PORT");
    }
}
