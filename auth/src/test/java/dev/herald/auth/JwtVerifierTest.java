package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens from the development issuer verify against its JWKS, served over real HTTP. */
class JwtVerifierTest {

    private static DevKeys keys;
    private static JwksServer jwks;
    private static JwtVerifier verifier;
    private static DevTokenIssuer issuer;

    @BeforeAll
    static void startIdentityProvider() {
        keys = DevKeys.generate();
        jwks = JwksServer.start(keys, "127.0.0.1", 0);
        verifier = new JwtVerifier(TestTokens.config(jwks.jwksUrl()));
        issuer = new DevTokenIssuer(keys, TestTokens.ISSUER, TestTokens.AUDIENCE, Clock.systemUTC());
    }

    @AfterAll
    static void stopIdentityProvider() {
        jwks.close();
    }

    @Test
    void adminTokenVerifies() throws AuthException {
        final Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        final VerifiedUser user = verifier.verify(issuer.issue("u-42", "Alice", true, Duration.ofMinutes(10)));

        assertThat(user.id()).isEqualTo("u-42");
        assertThat(user.name()).isEqualTo("Alice");
        assertThat(user.roles()).containsExactly("admin");
        assertThat(user.isAdmin()).isTrue();
        assertThat(user.expiresAt()).isCloseTo(before.plus(Duration.ofMinutes(10)), within(2, ChronoUnit.SECONDS));
        assertThat(user.expiresAt().getNano()).isZero();
    }

    @Test
    void plainUserHasNoRoles() throws AuthException {
        final VerifiedUser user = verifier.verify(issuer.issue("u-7", "Bob", false, Duration.ofMinutes(10)));

        assertThat(user.roles()).isEmpty();
        assertThat(user.isAdmin()).isFalse();
    }

    @Test
    void nameFallsBackToSubjectAndAbsentRolesAreEmpty() throws AuthException {
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withSubject("u-9"), keys);

        final VerifiedUser user = verifier.verify(token);

        assertThat(user.name()).isEqualTo("u-9");
        assertThat(user.roles()).isEmpty();
    }

    @Test
    void blankNameFallsBackToSubject() throws AuthException {
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withClaim("name", "  "), keys);

        assertThat(verifier.verify(token).name()).isEqualTo("u-1");
    }

    @Test
    void expiryWithinLeewayIsAccepted() throws AuthException {
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final String token = TestTokens.sign(
                TestTokens.validClaims(keys).withIssuedAt(now.minusSeconds(60)).withExpiresAt(now.minusSeconds(2)),
                keys);

        assertThat(verifier.verify(token).id()).isEqualTo("u-1");
    }

    @Test
    void otherRolesAreKept() throws AuthException {
        final String token = TestTokens.sign(
                TestTokens.validClaims(keys).withArrayClaim("roles", new String[] {"moderator", "admin"}), keys);

        final VerifiedUser user = verifier.verify(token);

        assertThat(user.roles()).containsExactlyInAnyOrder("moderator", "admin");
        assertThat(user.isAdmin()).isTrue();
    }

    @Test
    void aLongDisplayNameIsCutAt1024CodePointsNeverInsideAPair() throws AuthException {
        String name = "\uD83D\uDE00".repeat(1023) + "ab";
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withClaim("name", name), keys);

        String stored = verifier.verify(token).name();

        assertThat(stored.codePointCount(0, stored.length())).isEqualTo(1024);
        assertThat(stored).isEqualTo("\uD83D\uDE00".repeat(1023) + "a");
    }

    @Test
    void aNulInTheNameBecomesAReplacementCharacter() throws AuthException {
        final String token = TestTokens.sign(TestTokens.validClaims(keys).withClaim("name", "A\u0000B"), keys);

        assertThat(verifier.verify(token).name()).isEqualTo("A\uFFFDB");
    }

    @Test
    void aSubjectThatCannotBeStoredIsRefused() {
        assertThatThrownBy(() -> verifier.verify(TestTokens.sign(
                TestTokens.validClaims(keys).withSubject("u".repeat(256)), keys)))
                .isInstanceOf(AuthException.class).hasMessage("token subject is longer than 255 characters");
        assertThatThrownBy(() -> verifier.verify(TestTokens.sign(
                TestTokens.validClaims(keys).withSubject("u\u0000v"), keys)))
                .isInstanceOf(AuthException.class).hasMessageContaining("not storable");
    }

    @Test
    void aSubjectOf255FourByteCharactersIsAccepted() throws AuthException {
        String subject = "\uD83D\uDE00".repeat(255);

        assertThat(verifier.verify(TestTokens.sign(TestTokens.validClaims(keys).withSubject(subject), keys)).id())
                .isEqualTo(subject);
    }
}
