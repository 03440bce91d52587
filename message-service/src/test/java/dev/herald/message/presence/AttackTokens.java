package dev.herald.message.presence;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.devidp.DevKeys;
import dev.herald.message.testing.TestIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Tokens an attacker could present for a victim: each fails a different check of the verifier. */
final class AttackTokens {

    private static final ObjectMapper json = new ObjectMapper();

    private final TestIdentity identity;
    private final DevKeys attackersKey = DevKeys.generate();

    AttackTokens(TestIdentity identity) {
        this.identity = identity;
    }

    /** Signed by the provider's key, expired half an hour ago. */
    String expired(String userId) {
        return identity.issuer(TestIdentity.ISSUER, TestIdentity.AUDIENCE,
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))).issue(userId, userId, false, Duration.ofMinutes(30));
    }

    /** Signed by the provider's key for another service (audience). */
    String otherAudience(String userId) {
        return identity.issuer(TestIdentity.ISSUER, "another-service", Clock.systemUTC())
                .issue(userId, userId, false, Duration.ofMinutes(30));
    }

    /** Claims the provider's key id, but is signed with the attacker's own key. */
    String forged(String userId, String providerKeyId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return JWT.create().withKeyId(providerKeyId).withIssuer(TestIdentity.ISSUER)
                .withAudience(TestIdentity.AUDIENCE).withSubject(userId).withIssuedAt(now)
                .withExpiresAt(now.plus(Duration.ofMinutes(30)))
                .sign(Algorithm.RSA256(attackersKey.publicKey(), attackersKey.privateKey()));
    }

    /** A valid token of another user whose subject was rewritten to {@code userId}, signature kept. */
    String tampered(String validToken, String userId) {
        String[] parts = validToken.split("\\.");
        try {
            ObjectNode claims = (ObjectNode) json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            claims.put("sub", userId);
            parts[1] = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(json.writeValueAsString(claims).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(".", parts);
    }

    /** The key id in a token's header. */
    static String keyId(String token) {
        return JWT.decode(token).getKeyId();
    }
}
