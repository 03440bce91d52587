package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ConfigException;
import dev.herald.message.limits.CallerLimits;
import dev.herald.message.limits.Rate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The per-caller limits as the message-service reads them. */
class CallerLimitsConfigTest {

    @Test
    void defaultsAreAboveTheLoadGeneratorsHeaviestScenario() {
        CallerLimits limits = MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true")).callerLimits();

        assertThat(limits).isEqualTo(new CallerLimits(new Rate(300, 600), new Rate(100, 200), 64));
    }

    @Test
    void readsEverySetting() {
        CallerLimits limits = MessageServiceConfig.fromEnv(withDevMode(Map.of(
                "HERALD_USER_SEND_RATE", "5", "HERALD_USER_SEND_BURST", "10",
                "HERALD_USER_READ_RATE", "7", "HERALD_USER_READ_BURST", "9",
                "HERALD_CALLER_MAX_CONCURRENT", "3"))).callerLimits();

        assertThat(limits).isEqualTo(new CallerLimits(new Rate(5, 10), new Rate(7, 9), 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HERALD_USER_SEND_RATE        | 0    | HERALD_USER_SEND_RATE: '0' (expected: 1..1000000)",
            "HERALD_USER_SEND_BURST       | many | HERALD_USER_SEND_BURST: 'many' (expected: an integer from 1 to 1000000)",
            "HERALD_USER_READ_RATE        | -1   | HERALD_USER_READ_RATE: '-1' (expected: 1..1000000)",
            "HERALD_USER_READ_BURST       | 0    | HERALD_USER_READ_BURST: '0' (expected: 1..1000000)",
            "HERALD_CALLER_MAX_CONCURRENT | 0    | HERALD_CALLER_MAX_CONCURRENT: '0' (expected: 1..100000)"})
    void aBadValueIsNamed(String name, String value, String message) {
        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(withDevMode(Map.of(name, value))))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    private static Map<String, String> withDevMode(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("HERALD_DEV_MODE", "true");
        return env;
    }
}
