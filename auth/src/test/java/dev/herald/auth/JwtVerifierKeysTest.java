package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.auth0.jwt.algorithms.Algorithm;
import dev.herald.devidp.DevKeys;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** How the verifier gets keys: one fetch for many tokens, RSA or EC (rotation and refetching: JwksKeySetTest). */
class JwtVerifierKeysTest {

    private final DevKeys keys = DevKeys.generate();

    @Test
    void fetchesTheJwksOnceForManyTokens() throws AuthException {
        try (StaticJwksServer jwks = StaticJwksServer.forKeys(keys)) {
            final JwtVerifier verifier = new JwtVerifier(TestTokens.config(jwks.jwksUrl()));

            for (int i = 0; i < 5; i++) {
                verifier.verify(TestTokens.sign(TestTokens.validClaims(keys).withSubject("u-" + i), keys));
            }

            assertThat(jwks.fetches()).isEqualTo(1);
        }
    }

    @Test
    void unknownKidsRightAfterAFetchCostTheProviderNothing() {
        try (StaticJwksServer jwks = StaticJwksServer.forKeys(keys)) {
            final JwtVerifier verifier = new JwtVerifier(TestTokens.config(jwks.jwksUrl()));

            for (int i = 0; i < 30; i++) {
                final String token = TestTokens.sign(TestTokens.validClaims(keys).withKeyId("made-up-" + i), keys);
                assertThatExceptionOfType(AuthException.class)
                        .isThrownBy(() -> verifier.verify(token))
                        .withMessage("signing key made-up-" + i + " is unknown");
            }

            // The first load only: a kid the set lacks is unknown until the refetch interval has passed.
            assertThat(jwks.fetches()).isEqualTo(1);
        }
    }

    @Test
    void es256TokenVerifiesAgainstAnEcKey() throws Exception {
        final KeyPair pair = p256KeyPair();
        try (StaticJwksServer jwks = StaticJwksServer.serving(ecJwks("ec-1", (ECPublicKey) pair.getPublic()))) {
            final JwtVerifier verifier = new JwtVerifier(TestTokens.config(jwks.jwksUrl()));
            final String token = TestTokens.validClaims(keys).withKeyId("ec-1").withSubject("u-ec")
                    .sign(Algorithm.ECDSA256((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate()));

            assertThat(verifier.verify(token).id()).isEqualTo("u-ec");
        }
    }

    @Test
    void rs256TokenUnderAnEcKidIsRefused() throws Exception {
        final KeyPair pair = p256KeyPair();
        try (StaticJwksServer jwks = StaticJwksServer.serving(ecJwks(keys.keyId(), (ECPublicKey) pair.getPublic()))) {
            final JwtVerifier verifier = new JwtVerifier(TestTokens.config(jwks.jwksUrl()));
            final String token = TestTokens.sign(TestTokens.validClaims(keys), keys);

            assertThatExceptionOfType(AuthException.class)
                    .isThrownBy(() -> verifier.verify(token))
                    .withMessage("token signature is invalid");
        }
    }

    private static KeyPair p256KeyPair() throws Exception {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A JWKS with one P-256 key and no "alg", as some providers publish it. */
    private static String ecJwks(String kid, ECPublicKey key) {
        return """
                {"keys":[{"kty":"EC","kid":"%s","use":"sig","crv":"P-256","x":"%s","y":"%s"}]}"""
                .formatted(kid, coordinate(key.getW().getAffineX()), coordinate(key.getW().getAffineY()));
    }

    /** A P-256 coordinate as a JWK wants it: 32 unsigned big-endian bytes, unpadded base64url. */
    private static String coordinate(BigInteger value) {
        final byte[] raw = value.toByteArray();
        final byte[] fixed = new byte[32];
        final byte[] trimmed = raw.length > 32 ? Arrays.copyOfRange(raw, raw.length - 32, raw.length) : raw;
        System.arraycopy(trimmed, 0, fixed, 32 - trimmed.length, trimmed.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
