package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.auth0.jwk.UrlJwkProvider;
import dev.herald.devidp.DevKeys;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the verifier keeps the provider's keys: made-up kids cannot starve the refetch a rotated key needs, known keys
 * are refreshed in the background, and the last good set outlives the provider. Real HTTP against a local JWKS; time
 * is a hand-moved ticker, so the intervals are the production ones without waiting for them.
 */
class JwksKeySetTest {

    private static final Duration REFRESH = JwksKeySet.REFRESH_INTERVAL;
    private static final Duration REFETCH = JwksKeySet.REFETCH_INTERVAL;

    private final DevKeys keys = DevKeys.generate();
    private final DevKeys rotated = DevKeys.generate();
    private final StaticJwksServer jwks = StaticJwksServer.forKeys(keys);
    private final AtomicLong nanos = new AtomicLong();
    /** Fetches finished, successful or not (the server only counts the ones that reached it). */
    private final AtomicInteger fetchesDone = new AtomicInteger();
    private final JwtVerifier verifier = new JwtVerifier(TestTokens.config(jwks.jwksUrl()),
                                                         new SigningKeys(keySet()), Clock.systemUTC());

    @AfterEach
    void stopIdentityProvider() {
        jwks.close();
    }

    @Test
    void floodOfUnknownKidsThenRotationThenValidSignIn() throws AuthException {
        assertThat(verifier.verify(token(keys)).id()).isEqualTo("u-1");

        for (int i = 0; i < 1_000; i++) {
            assertUnknownKid(UUID.randomUUID().toString());
            advance(Duration.ofMillis(10));
        }
        assertThat(jwks.fetches()).as("the first load, then at most one refetch for 10 s of made-up kids")
                .isLessThanOrEqualTo(2);

        jwks.serveKeys(rotated);
        advance(REFETCH);

        assertThat(verifier.verify(token(rotated)).id()).isEqualTo("u-1");
        assertThat(jwks.fetches()).isLessThanOrEqualTo(3);
    }

    @Test
    void concurrentUnknownKidsShareOneRefetch() throws Exception {
        verifier.verify(token(keys));
        jwks.serveKeys(keys, rotated);
        advance(REFETCH);

        final List<Future<String>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 200; i++) {
                final String token = i % 2 == 0 ? token(rotated) : madeUp(UUID.randomUUID().toString());
                answers.add(clients.submit(() -> outcome(token)));
            }
        }

        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get()).isEqualTo(i % 2 == 0 ? "u-1" : "unknown");
        }
        assertThat(jwks.fetches()).isEqualTo(2);
    }

    @Test
    void unknownKidIsNegativeCachedUntilTheRefetchInterval() throws AuthException {
        verifier.verify(token(keys));
        jwks.serveKeys(keys, rotated);

        assertUnknownKid(rotated.keyId(), token(rotated));
        advance(REFETCH.minusSeconds(1));
        assertUnknownKid(rotated.keyId(), token(rotated));
        assertThat(jwks.fetches()).isEqualTo(1);

        advance(Duration.ofSeconds(1));
        assertThat(verifier.verify(token(rotated)).id()).isEqualTo("u-1");
        assertThat(jwks.fetches()).isEqualTo(2);
    }

    @Test
    void knownKeysAreRefreshedInTheBackgroundAndRetiredKeysDropped() throws AuthException {
        verifier.verify(token(keys));
        jwks.serveKeys(rotated);
        advance(REFRESH);

        assertThat(verifier.verify(token(keys)).id()).as("answered from the set while it refreshes").isEqualTo("u-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> fetchesDone.get() == 2);

        assertUnknownKid(keys.keyId(), token(keys));
        assertThat(verifier.verify(token(rotated)).id()).isEqualTo("u-1");
        assertThat(jwks.fetches()).isEqualTo(2);
    }

    @Test
    void aCachedTokenSignedByARetiredKeyIsVerifiedAgainAndRefused() throws AuthException {
        final VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 100, Clock.systemUTC());
        final String signedByRetiredKey = token(keys);
        cache.verify(signedByRetiredKey);
        assertThat(cache.verify(signedByRetiredKey).id()).as("cached").isEqualTo("u-1");

        jwks.serveKeys(rotated);
        advance(REFRESH);
        cache.verify(token(rotated)); // starts the background refresh, which finds the old key gone
        await().atMost(Duration.ofSeconds(10)).until(() -> fetchesDone.get() == 2);

        assertThatExceptionOfType(AuthException.class)
                .isThrownBy(() -> cache.verify(signedByRetiredKey))
                .withMessage("signing key " + keys.keyId() + " is unknown");
    }

    @Test
    void aNewKeyAloneKeepsTheCache() throws AuthException {
        final AtomicInteger retirements = new AtomicInteger();
        verifier.onKeysRetired(retirements::incrementAndGet);
        verifier.verify(token(keys));

        jwks.serveKeys(keys, rotated);
        advance(REFRESH);
        verifier.verify(token(keys));
        await().atMost(Duration.ofSeconds(10)).until(() -> fetchesDone.get() == 2);

        assertThat(retirements).as("a key added retires none").hasValue(0);
        jwks.serveKeys(rotated);
        advance(REFRESH);
        verifier.verify(token(rotated));
        await().atMost(Duration.ofSeconds(10)).until(() -> fetchesDone.get() == 3);
        assertThat(retirements).hasValue(1);
    }

    @Test
    void identityProviderDownKeepsTheLastGoodSet() throws AuthException {
        verifier.verify(token(keys));
        jwks.close();
        advance(REFRESH);

        verifier.verify(token(keys));
        await().atMost(Duration.ofSeconds(10)).until(() -> fetchesDone.get() == 2);
        assertThat(verifier.verify(token(keys)).id()).isEqualTo("u-1");

        advance(REFETCH);
        assertThatExceptionOfType(AuthException.class)
                .as("a kid outside the kept set waits for a refetch, which fails")
                .isThrownBy(() -> verifier.verify(token(rotated)))
                .withMessage("identity provider unreachable");
        assertThat(verifier.verify(token(keys)).id()).isEqualTo("u-1");
        assertThat(fetchesDone).hasValue(3);
    }

    private JwksKeySet keySet() {
        final UrlJwkProvider provider;
        try {
            provider = new UrlJwkProvider(jwks.jwksUrl().toURL(), 2_000, 3_000);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return new JwksKeySet(() -> {
            try {
                return provider.getAll();
            } finally {
                fetchesDone.incrementAndGet();
            }
        }, REFRESH, REFETCH, nanos::get);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static String token(DevKeys signer) {
        return TestTokens.sign(TestTokens.validClaims(signer), signer);
    }

    private String madeUp(String kid) {
        return TestTokens.sign(TestTokens.validClaims(keys).withKeyId(kid), keys);
    }

    private String outcome(String token) {
        try {
            return verifier.verify(token).id();
        } catch (AuthException e) {
            return e.getMessage().endsWith(" is unknown") ? "unknown" : e.getMessage();
        }
    }

    private void assertUnknownKid(String kid) {
        assertUnknownKid(kid, madeUp(kid));
    }

    private void assertUnknownKid(String kid, String token) {
        assertThatExceptionOfType(AuthException.class)
                .isThrownBy(() -> verifier.verify(token))
                .withMessage("signing key " + kid + " is unknown");
    }
}
