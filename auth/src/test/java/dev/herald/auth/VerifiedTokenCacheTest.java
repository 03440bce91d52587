package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache answers repeated tokens without verifying again, never past their expiry, and stays bounded.
 * The JWKS fetch count alone cannot show caching (the verifier caches keys too), so the tests also count how
 * often the real verifier runs.
 */
class VerifiedTokenCacheTest {

    private final DevKeys keys = DevKeys.generate();
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final DevTokenIssuer issuer = new DevTokenIssuer(keys, TestTokens.ISSUER, TestTokens.AUDIENCE, clock);
    private final AtomicInteger verifications = new AtomicInteger();
    private StaticJwksServer jwks;
    private JwtVerifier verifier;

    @BeforeEach
    void startIdentityProvider() {
        jwks = StaticJwksServer.forKeys(keys);
        verifier = new JwtVerifier(
                new AuthConfig(jwks.jwksUrl(), TestTokens.ISSUER, TestTokens.AUDIENCE, Duration.ZERO), clock);
    }

    @AfterEach
    void stopIdentityProvider() {
        jwks.close();
    }

    @Test
    void repeatedTokenIsVerifiedOnce() throws AuthException {
        final VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier(), 100, clock);
        final String token = issuer.issue("u-1", "Alice", true, Duration.ofMinutes(5));

        final VerifiedUser first = cache.verify(token);
        final VerifiedUser second = cache.verify(token);
        final VerifiedUser third = cache.verify(token);

        assertThat(second).isSameAs(first);
        assertThat(third).isSameAs(first);
        assertThat(verifications).hasValue(1);
        assertThat(jwks.fetches()).isEqualTo(1);
    }

    @Test
    void publicConstructorCachesThroughTheJwtVerifier() throws AuthException {
        final VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 100, clock);
        final String token = issuer.issue("u-1", "Alice", false, Duration.ofMinutes(5));

        assertThat(cache.verify(token)).isSameAs(cache.verify(token));
        assertThat(jwks.fetches()).isEqualTo(1);
    }

    @Test
    void entryIsNeverReturnedAtOrAfterExpiry() throws AuthException {
        final VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier(), 100, clock);
        final String token = issuer.issue("u-1", "Alice", false, Duration.ofSeconds(60));
        cache.verify(token);

        clock.advance(Duration.ofSeconds(59));
        cache.verify(token);
        assertThat(verifications).as("cached until the last second").hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThatExceptionOfType(AuthException.class)
                .as("at exp the entry is dropped and the verifier asked again")
                .isThrownBy(() -> cache.verify(token))
                .withMessage("token expired");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void failuresAreNotCached() {
        final VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier(), 100, clock);

        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(AuthException.class)
                    .isThrownBy(() -> cache.verify("garbage"))
                    .withMessage("token is malformed");
        }
        assertThat(verifications).hasValue(2);
    }

    @Test
    void holdsAtMostMaxEntriesEvictingTheLeastRecentlyUsed() throws AuthException {
        final VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier(), 2, clock);
        final String a = issuer.issue("a", "A", false, Duration.ofMinutes(5));
        final String b = issuer.issue("b", "B", false, Duration.ofMinutes(5));
        final String c = issuer.issue("c", "C", false, Duration.ofMinutes(5));

        cache.verify(a);
        cache.verify(b);
        cache.verify(c);
        assertThat(verifications).hasValue(3);

        cache.verify(c);
        assertThat(verifications).as("c is still cached").hasValue(3);

        cache.verify(a);
        assertThat(verifications).as("a was evicted to make room for c").hasValue(4);
    }

    @Test
    void aTamperedTokenNeverHitsTheCacheOfTheGenuineOne() throws AuthException {
        final VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier(), 100, clock);
        final String genuine = issuer.issue("u-1", "Alice", false, Duration.ofMinutes(5));
        cache.verify(genuine);
        final String[] parts = genuine.split("\\.");
        // Same header and signature, another payload (sub "u-2"): the exact string differs, so it is verified.
        final String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"u-1\"", "\"u-2\"").getBytes(StandardCharsets.UTF_8));
        final String tampered = parts[0] + "." + payload + "." + parts[2];

        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(AuthException.class).isThrownBy(() -> cache.verify(tampered))
                    .withMessage("token signature is invalid");
        }
        assertThat(verifications).as("the genuine token once, the tampered one each time").hasValue(3);
    }

    @Test
    void concurrentMissesOfOneTokenShareOneVerification() throws Exception {
        final CountDownLatch verifying = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final VerifiedTokenCache cache = new VerifiedTokenCache(token -> {
            verifications.incrementAndGet();
            verifying.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return verifier.verify(token);
        }, 100, clock);
        final String token = issuer.issue("u-1", "Alice", false, Duration.ofMinutes(5));

        final CompletableFuture<VerifiedUser> bearer = CompletableFuture.supplyAsync(() -> verified(cache, token));
        verifying.await(10, TimeUnit.SECONDS);
        final CompletableFuture<VerifiedUser> proof = new CompletableFuture<>();
        final Thread proofThread = Thread.ofPlatform().start(() -> proof.complete(verified(cache, token)));
        // Parked either waiting for the verification under way, or (without sharing) in a second one.
        await().atMost(Duration.ofSeconds(10)).until(() -> proofThread.getState() == Thread.State.WAITING
                || proofThread.getState() == Thread.State.TIMED_WAITING);
        release.countDown();

        assertThat(proof.get(10, TimeUnit.SECONDS)).isSameAs(bearer.get(10, TimeUnit.SECONDS));
        assertThat(verifications).as("one verification for both").hasValue(1);
    }

    @Test
    void droppingForgetsEveryTokenAndTheNextUseVerifiesAgain() throws AuthException {
        final VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier(), 100, clock);
        final String token = issuer.issue("u-1", "Alice", false, Duration.ofMinutes(5));
        cache.verify(token);

        cache.dropAll();
        cache.verify(token);
        cache.verify(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void maxEntriesMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VerifiedTokenCache(verifier, 0, clock))
                .withMessage("maxEntries: 0 (expected: > 0)");
    }

    private static VerifiedUser verified(VerifiedTokenCache cache, String token) {
        try {
            return cache.verify(token);
        } catch (AuthException e) {
            throw new IllegalStateException(e);
        }
    }

    private TokenVerifier countingVerifier() {
        return token -> {
            verifications.incrementAndGet();
            return verifier.verify(token);
        };
    }
}
