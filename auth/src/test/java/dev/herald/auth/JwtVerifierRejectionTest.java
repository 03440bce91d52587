package dev.herald.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.auth0.jwt.algorithms.Algorithm;
import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each way a token can be wrong is refused with a message that names it. */
class JwtVerifierRejectionTest {

    private static DevKeys keys;
    private static JwksServer jwks;
    private static JwtVerifier verifier;

    @BeforeAll
    static void startIdentityProvider() {
        keys = DevKeys.generate();
        jwks = JwksServer.start(keys, "127.0.0.1", 0);
        verifier = new JwtVerifier(TestTokens.config(jwks.jwksUrl()));
    }

    @AfterAll
    static void stopIdentityProvider() {
        jwks.close();
    }

    @Test
    void expiredToken() {
        final Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        final String token = new DevTokenIssuer(keys, TestTokens.ISSUER, TestTokens.AUDIENCE, twoHoursAgo)
                .issue("u-1", "Alice", false, Duration.ofHours(1));

        assertRejected(token, "token expired");
    }

    @Test
    void wrongIssuer() {
        final String token = new DevTokenIssuer(keys, "someone-else", TestTokens.AUDIENCE, Clock.systemUTC())
                .issue("u-1", "Alice", false, Duration.ofHours(1));

        assertRejected(token, "token issuer is not trusted");
    }

    @Test
    void missingIssuer() {
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withIssuer(null), keys);

        assertRejected(token, "token issuer is not trusted");
    }

    @Test
    void wrongAudience() {
        final String token = new DevTokenIssuer(keys, TestTokens.ISSUER, "another-service", Clock.systemUTC())
                .issue("u-1", "Alice", false, Duration.ofHours(1));

        assertRejected(token, "token audience is wrong");
    }

    @Test
    void tamperedSignature() {
        final String token = TestTokens.sign(TestTokens.validClaims(keys), keys);
        final int middleOfSignature = token.lastIndexOf('.') + 20;
        final char flipped = token.charAt(middleOfSignature) == 'A' ? 'B' : 'A';
        final String tampered = token.substring(0, middleOfSignature) + flipped
                                + token.substring(middleOfSignature + 1);

        assertRejected(tampered, "token signature is invalid");
    }

    @Test
    void tamperedPayload() {
        final String token = TestTokens.sign(TestTokens.validClaims(keys), keys);
        final String[] parts = token.split("\\.");
        final String payload = new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8).replace("u-1", "u-2");
        final String forged = parts[0] + '.' + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(UTF_8)) + '.' + parts[2];

        assertRejected(forged, "token signature is invalid");
    }

    @Test
    void signedByAnotherKeyUnderTheSameKid() {
        final DevKeys impostor = DevKeys.generate();
        final String token = TestTokens.validClaims(keys)
                .sign(Algorithm.RSA256(impostor.publicKey(), impostor.privateKey()));

        assertRejected(token, "token signature is invalid");
    }

    @Test
    void unknownKid() {
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withKeyId("retired-key"), keys);

        assertRejected(token, "signing key retired-key is unknown");
    }

    @Test
    void unknownKidIsShownShortAndPrintable() {
        final String token = TestTokens.sign(
                TestTokens.validClaims(keys).withKeyId("bad\nkid" + "x".repeat(100)), keys);

        assertRejected(token, "signing key bad?kid" + "x".repeat(57) + "... is unknown");
    }

    @Test
    void missingKid() {
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withKeyId(null), keys);

        assertRejected(token, "token is malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30", "...."})
    void garbage(String token) {
        assertRejected(token, "token is malformed");
    }

    @Test
    void hugeToken() {
        assertRejected("a".repeat(20_000), "token is malformed");
    }

    @Test
    void missingSubject() {
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withSubject(null), keys);

        assertRejected(token, "token has no subject");
    }

    @Test
    void blankSubject() {
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withSubject(" "), keys);

        assertRejected(token, "token has no subject");
    }

    @Test
    void missingExpiry() {
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withExpiresAt((Instant) null), keys);

        assertRejected(token, "token has no expiry");
    }

    @Test
    void notYetValid() {
        final Instant inAMinute = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withNotBefore(inAMinute), keys);

        assertRejected(token, "token is not yet valid");
    }

    @Test
    void rolesThatAreNotAnArray() {
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withClaim("roles", "admin"), keys);

        assertRejected(token, "token is malformed");
    }

    @Test
    void unsignedToken() {
        final String token = TestTokens.validClaims(keys).sign(Algorithm.none());

        assertRejected(token, "token signature is invalid");
    }

    @Test
    void hmacTokenKeyedWithThePublicKey() {
        // The classic confusion attack: HS256 with the RSA public key as the shared secret.
        final String token = TestTokens.validClaims(keys).sign(Algorithm.HMAC256(keys.publicKey().getEncoded()));

        assertRejected(token, "token signature is invalid");
    }

    @Test
    void identityProviderDown() {
        final JwksServer stopped = JwksServer.start(DevKeys.generate(), "127.0.0.1", 0);
        stopped.close();
        final JwtVerifier orphan = new JwtVerifier(TestTokens.config(stopped.jwksUrl()));
        final String token = TestTokens.sign(TestTokens.validClaims(keys), keys);

        assertThatExceptionOfType(AuthException.class)
                .isThrownBy(() -> orphan.verify(token))
                .withMessage("identity provider unreachable")
                .withCauseInstanceOf(com.auth0.jwk.NetworkException.class);
    }

    @Test
    void decodesAsJwtButClaimsAreNotJson() {
        final String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"RS256\",\"kid\":\"" + keys.keyId() + "\"}").getBytes(UTF_8));
        final String token = header + '.' + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("not json".getBytes(UTF_8)) + ".c2ln";

        assertRejected(token, "token is malformed");
    }

    private static void assertRejected(String token, String message) {
        assertThatExceptionOfType(AuthException.class)
                .isThrownBy(() -> verifier.verify(token))
                .withMessage(message);
    }
}
