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

    @Test
    void leewayCannotBeNegative() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new AuthConfig(URI.create("http://idp/jwks.json"), "i", "a", Duration.ofSeconds(-1)));
    }
}
