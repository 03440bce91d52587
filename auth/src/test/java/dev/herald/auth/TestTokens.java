package dev.herald.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import dev.herald.devidp.DevKeys;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Hand-made tokens for the cases the development issuer never produces. */
final class TestTokens {

    static final String ISSUER = "herald-dev";
    static final String AUDIENCE = "herald";

    private TestTokens() {
    }

    static AuthConfig config(URI jwksUrl) {
        return new AuthConfig(jwksUrl, ISSUER, AUDIENCE, Duration.ofSeconds(5));
    }

    /** Everything a valid token needs, for an hour from now; tests change one thing. */
    static JWTCreator.Builder validClaims(DevKeys keys) {
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return JWT.create()
                .withKeyId(keys.keyId())
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withSubject("u-1")
                .withIssuedAt(now)
                .withExpiresAt(now.plus(Duration.ofHours(1)));
    }

    static String sign(JWTCreator.Builder claims, DevKeys keys) {
        return claims.sign(Algorithm.RSA256(keys.publicKey(), keys.privateKey()));
    }
}
