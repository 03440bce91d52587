package dev.herald.auth;

import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.herald.devidp.DevIdentityMain;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthConfigTest {

    @Test
    void defaultsWhenNothingIsSet() {
        final AuthConfig config = AuthConfig.from(Env.of(Map.of()));

        assertThat(config.jwksUrl()).isEqualTo(URI.create("http://127.0.0.1:8090/.well-known/jwks.json"));
        assertThat(config.issuer()).isEqualTo("herald-dev");
        assertThat(config.audience()).isEqualTo("herald");
        assertThat(config.leeway()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theDevelopmentIdentityProviderIssuesWhatTheDefaultsAccept() {
        final AuthConfig config = AuthConfig.from(Env.of(Map.of()));

        assertThat(config.issuer()).isEqualTo(DevIdentityMain.DEFAULT_ISSUER);
        assertThat(config.audience()).isEqualTo(DevIdentityMain.DEFAULT_AUDIENCE);
    }

    @Test
    void readsEveryVariable() {
        final AuthConfig config = AuthConfig.from(Env.of(Map.of(
                "HERALD_JWKS_URL", "https://idp.example.com/keys",
                "HERALD_JWT_ISSUER", "https://idp.example.com/",
                "HERALD_JWT_AUDIENCE", "herald-prod",
                "HERALD_JWT_LEEWAY_SECONDS", "30")));

        assertThat(config).isEqualTo(new AuthConfig(URI.create("https://idp.example.com/keys"),
                                                    "https://idp.example.com/", "herald-prod",
                                                    Duration.ofSeconds(30)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HERALD_JWKS_URL           | not a url",
            "HERALD_JWKS_URL           | /relative/jwks.json",
            "HERALD_JWKS_URL           | ftp://idp/jwks.json",
            "HERALD_JWT_ISSUER         | '  '",
            "HERALD_JWT_AUDIENCE       | ''",
            "HERALD_JWT_LEEWAY_SECONDS | five",
            "HERALD_JWT_LEEWAY_SECONDS | -1",
            "HERALD_JWT_LEEWAY_SECONDS | 301",
    })
    void badValueNamesTheVariable(String variable, String value) {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> AuthConfig.from(Env.of(Map.of(variable, value))))
                .withMessageStartingWith(variable + ": ");
    }

    @ParameterizedTest
    @CsvSource({
            "https://idp.example.com/keys",
            "http://127.0.0.1:8090/.well-known/jwks.json",
            "http://127.8.9.10/jwks.json",
            "http://localhost:8090/jwks.json",
            "http://LocalHost/jwks.json",
            "http://[::1]:8090/jwks.json",
    })
    void jwksUrlIsHttpsOrOnLoopback(String url) {
        assertThat(AuthConfig.from(Env.of(Map.of("HERALD_JWKS_URL", url))).jwksUrl()).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @CsvSource({
            "http://idp.example.com/keys",
            "http://10.0.0.5:8090/jwks.json",
            "http://128.0.0.1/jwks.json",
            "http://localhost.example.com/jwks.json",
            "http://[::2]/jwks.json",
    })
    void plainHttpElsewhereIsRefused(String url) {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> AuthConfig.from(Env.of(Map.of("HERALD_JWKS_URL", url))))
                .withMessage("HERALD_JWKS_URL: '" + url + "' (expected: an https URL; http only on a loopback host"
                             + " or with HERALD_DEV_MODE=true)");
    }

    @Test
    void devModeAllowsPlainHttpAnywhere() {
        final AuthConfig config = AuthConfig.from(Env.of(Map.of(
                "HERALD_JWKS_URL", "http://idp:8090/jwks.json", "HERALD_DEV_MODE", "true")));

        assertThat(config.jwksUrl()).isEqualTo(URI.create("http://idp:8090/jwks.json"));
    }

    @Test
    void devModeMustBeABoolean() {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> AuthConfig.from(Env.of(Map.of("HERALD_DEV_MODE", "yes"))))
                .withMessage("HERALD_DEV_MODE: 'yes' (expected: true or false)");
    }

    @Test
    void leewayCannotBeNegative() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new AuthConfig(URI.create("http://idp/jwks.json"), "i", "a", Duration.ofSeconds(-1)));
    }
}
