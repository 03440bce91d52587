package dev.herald.message.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.message.testing.TestIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user named on a link is proven only by its own current token, checked against a real JWKS. */
class PresenceProofsTest {

    static TestIdentity identity;
    static AttackTokens attacks;
    static PresenceProofs proofs;

    @BeforeAll
    static void identityProvider() {
        identity = TestIdentity.start();
        attacks = new AttackTokens(identity);
        proofs = new PresenceProofs(identity.tokens(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        identity.close();
    }

    @Test
    void theUsersOwnTokenProvesItUntilTheTokenExpires() {
        Instant before = Instant.now();

        ProvenUser bob = proofs.prove("gw", "bob", identity.token("bob", Duration.ofMinutes(10))).orElseThrow();

        assertThat(bob.userId()).isEqualTo("bob");
        assertThat(bob.expiresAt()).isBetween(before.plus(Duration.ofMinutes(9)), before.plus(Duration.ofMinutes(11)));
    }

    @Test
    void noTokenProvesNothing() {
        assertThat(proofs.prove("gw", "bob", "")).isEmpty();
    }

    @Test
    void anotherUsersTokenProvesNothing() {
        assertThat(proofs.prove("gw", "bob", identity.token("alice"))).isEmpty();
    }

    @Test
    void anExpiredTokenProvesNothing() {
        assertThat(proofs.prove("gw", "bob", attacks.expired("bob"))).isEmpty();
    }

    @Test
    void aTokenSignedByAnotherKeyProvesNothing() {
        String kid = AttackTokens.keyId(identity.token("bob"));

        assertThat(proofs.prove("gw", "bob", attacks.forged("bob", kid))).isEmpty();
    }

    @Test
    void anotherUsersTokenRewrittenToTheVictimProvesNothing() {
        assertThat(proofs.prove("gw", "bob", attacks.tampered(identity.token("alice"), "bob"))).isEmpty();
    }

    @Test
    void aTokenForAnotherAudienceProvesNothing() {
        assertThat(proofs.prove("gw", "bob", attacks.otherAudience("bob"))).isEmpty();
    }

    @Test
    void garbageProvesNothing() {
        assertThat(proofs.prove("gw", "bob", "not.a.token")).isEmpty();
    }

    @Test
    void aTokenWithinTheVerifiersClockSkewButPastItsExpiryProvesNothing() {
        // The verifier allows 5 s of skew on exp; a proof must not start already expired.
        Clock threeSecondsLater = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(3));
        PresenceProofs later = new PresenceProofs(identity.tokens(), threeSecondsLater);

        assertThat(later.prove("gw", "bob", identity.token("bob", Duration.ofSeconds(1)))).isEmpty();
    }
}
