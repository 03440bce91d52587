package dev.herald.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DevTokenIssuerTest {

    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05.678Z");

    private final DevKeys keys = DevKeys.generate();
    private final DevTokenIssuer issuer =
            new DevTokenIssuer(keys, "herald-dev", "herald", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void adminTokenCarriesEveryClaim() {
        final DecodedJWT jwt = JWT.decode(issuer.issue("u-1", "Alice", true, Duration.ofMinutes(10)));

        assertThat(jwt.getAlgorithm()).isEqualTo("RS256");
        assertThat(jwt.getKeyId()).isEqualTo(keys.keyId());
        assertThat(jwt.getIssuer()).isEqualTo("herald-dev");
        assertThat(jwt.getAudience()).containsExactly("herald");
        assertThat(jwt.getSubject()).isEqualTo("u-1");
        assertThat(jwt.getClaim("name").asString()).isEqualTo("Alice");
        assertThat(jwt.getClaim("roles").asList(String.class)).containsExactly("admin");
        assertThat(jwt.getIssuedAtAsInstant()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(Instant.parse("2030-01-02T03:14:05Z"));
    }

    @Test
    void plainUserHasEmptyRoles() {
        final DecodedJWT jwt = JWT.decode(issuer.issue("u-2", "Bob", false, Duration.ofMinutes(10)));

        assertThat(jwt.getClaim("roles").asList(String.class)).isEmpty();
    }

    @Test
    void refusesBlankUserAndShortTtl() {
        assertThatIllegalArgumentException().isThrownBy(() -> issuer.issue(" ", "x", false, Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> issuer.issue("u", "x", false, Duration.ofMillis(999)));
    }
}
