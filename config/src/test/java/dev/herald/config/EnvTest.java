package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void absentVariablesTakeTheirDefaults() {
        Env env = Env.of(Map.of());

        assertThat(env.string("HERALD_A", "a")).isEqualTo("a");
        assertThat(env.integer("HERALD_N", 7, 1, 10)).isEqualTo(7);
        assertThat(env.duration("HERALD_MS", 50, ChronoUnit.MILLIS, 1, 100)).isEqualTo(Duration.ofMillis(50));
        assertThat(env.bool("HERALD_B", true)).isTrue();
        assertThat(env.hostPorts("HERALD_T", "127.0.0.1:9090")).containsExactly("127.0.0.1:9090");
    }

    @Test
    void presentValuesAreStrippedAndParsed() {
        Env env = Env.of(Map.of("HERALD_N", " 9 ", "HERALD_B", "FALSE", "HERALD_S", " x ", "HERALD_L", "debug",
                "HERALD_T", "a:1, b:2", "HERALD_U", "https://idp/jwks"));

        assertThat(env.integer("HERALD_N", 7, 1, 10)).isEqualTo(9);
        assertThat(env.bool("HERALD_B", true)).isFalse();
        assertThat(env.string("HERALD_S", "y")).isEqualTo("x");
        assertThat(env.oneOf("HERALD_L", "INFO", List.of("DEBUG", "INFO"))).isEqualTo("DEBUG");
        assertThat(env.hostPorts("HERALD_T", "z:1")).containsExactly("a:1", "b:2");
        assertThat(env.uri("HERALD_U", "http://x", Set.of("http", "https"))).isEqualTo(URI.create("https://idp/jwks"));
    }

    @Test
    void errorsNameTheVariableTheValueAndWhatWasExpected() {
        Env env = Env.of(Map.of("HERALD_N", "70000", "HERALD_W", "many", "HERALD_B", "yes", "HERALD_E", "  ",
                "HERALD_L", "LOUD", "HERALD_T", "nohost", "HERALD_U", "ftp://x", "HERALD_P", "a b"));

        assertThatThrownBy(() -> env.integer("HERALD_N", 1, 0, 65535))
                .isInstanceOf(ConfigException.class).hasMessage("HERALD_N: '70000' (expected: 0..65535)");
        assertThatThrownBy(() -> env.integer("HERALD_W", 1, 0, 9))
                .hasMessage("HERALD_W: 'many' (expected: an integer from 0 to 9)");
        assertThatThrownBy(() -> env.bool("HERALD_B", true)).hasMessage("HERALD_B: 'yes' (expected: true or false)");
        assertThatThrownBy(() -> env.string("HERALD_E", "x")).hasMessage("HERALD_E: '' (expected: a non-empty value)");
        assertThatThrownBy(() -> env.oneOf("HERALD_L", "INFO", List.of("DEBUG", "INFO")))
                .hasMessage("HERALD_L: 'LOUD' (expected: one of DEBUG, INFO)");
        assertThatThrownBy(() -> env.hostPorts("HERALD_T", "x:1")).hasMessageStartingWith("HERALD_T: 'nohost'");
        assertThatThrownBy(() -> env.uri("HERALD_U", "http://x", Set.of("http")))
                .hasMessage("HERALD_U: 'ftp://x' (expected: an absolute http URL)");
        assertThatThrownBy(() -> env.matching("HERALD_P", "a", Pattern.compile("[a-z]+"), "letters"))
                .hasMessage("HERALD_P: 'a b' (expected: letters)");
    }

    @Test
    void aListedTwiceAddressIsRefused() {
        Env env = Env.of(Map.of("HERALD_T", "a:1,a:1"));

        assertThatThrownBy(() -> env.hostPorts("HERALD_T", "x:1")).hasMessage("HERALD_T: 'a:1' (expected: each address once)");
    }

    @Test
    void aListIsCommaSeparatedAndMayBeEmpty() {
        Env env = Env.of(Map.of("HERALD_A", " 10.0.0.0/8 , ::1", "HERALD_E", "  ", "HERALD_H", "a,,b"));

        assertThat(env.list("HERALD_A", "")).containsExactly("10.0.0.0/8", "::1");
        assertThat(env.list("HERALD_E", "x")).isEmpty();
        assertThat(env.list("HERALD_ABSENT", "")).isEmpty();
        assertThatThrownBy(() -> env.list("HERALD_H", "")).isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_H: 'a,,b' (expected: comma-separated items, none empty)");
    }
}
