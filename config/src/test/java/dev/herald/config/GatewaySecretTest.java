package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewaySecretTest {

    private static final String EXPECTED =
            "(expected: at least 32 characters, not the local default, unless HERALD_DEV_MODE=true)";

    @Test
    void anAbsentSecretIsRefusedOutsideDevelopmentMode() {
        assertThatThrownBy(() -> GatewaySecret.read(Env.of(Map.of()), false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_GATEWAY_SECRET: not set " + EXPECTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"herald-local-gateway-secret", "0123456789abcdefghijklmnopqrstu", ""})
    void theLocalDefaultOrAShortSecretIsRefusedWithoutShowingIt(String secret) {
        Env env = Env.of(Map.of("HERALD_GATEWAY_SECRET", secret));

        assertThatThrownBy(() -> GatewaySecret.read(env, false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_GATEWAY_SECRET: value not shown " + EXPECTED);
    }

    @Test
    void thirtyTwoCharactersAreEnough() {
        String secret = "0123456789abcdefghijklmnopqrstuv";

        assertThat(GatewaySecret.read(Env.of(Map.of("HERALD_GATEWAY_SECRET", " " + secret + " ")), false))
                .isEqualTo(secret);
    }

    @Test
    void developmentModeAcceptsTheDefaultAndAnyNonEmptySecret() {
        assertThat(GatewaySecret.read(Env.of(Map.of()), true)).isEqualTo("herald-local-gateway-secret");
        assertThat(GatewaySecret.read(Env.of(Map.of("HERALD_GATEWAY_SECRET", "short")), true)).isEqualTo("short");
        assertThatThrownBy(() -> GatewaySecret.read(Env.of(Map.of("HERALD_GATEWAY_SECRET", " ")), true))
                .hasMessage("HERALD_GATEWAY_SECRET: '' (expected: a non-empty value)");
    }
}
