package dev.herald.auth;

import com.auth0.jwk.InvalidPublicKeyException;
import com.auth0.jwk.Jwk;
import com.auth0.jwk.JwkException;
import com.auth0.jwk.JwkProvider;
import com.auth0.jwk.JwkProviderBuilder;
import com.auth0.jwk.NetworkException;
import com.auth0.jwk.RateLimitReachedException;
import com.auth0.jwk.SigningKeyNotFoundException;
import com.auth0.jwt.algorithms.Algorithm;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's public keys, by key id, turned into the {@link Algorithm} that checks a signature.
 * Keys come from the JWKS through jwks-rsa: cached by kid, and a kid missing from the cache refetches the JWKS,
 * at most {@value #REFETCHES_PER_MINUTE} times a minute so that tokens with made-up kids cannot flood the
 * identity provider.
 */
final class SigningKeys {

    private static final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

    private static final int CACHED_KEYS = 20;
    private static final Duration KEY_CACHE_TTL = Duration.ofMinutes(15);
    private static final int REFETCHES_PER_MINUTE = 10;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 3_000;
    private static final int MAX_SHOWN_KID_LENGTH = 64;

    private final JwkProvider provider;

    SigningKeys(URI jwksUrl) {
        this(new JwkProviderBuilder(toUrl(jwksUrl))
                .cached(CACHED_KEYS, KEY_CACHE_TTL)
                .rateLimited(REFETCHES_PER_MINUTE, 1, TimeUnit.MINUTES)
                .timeouts(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS)
                .build());
    }

    SigningKeys(JwkProvider provider) {
        this.provider = provider;
    }

    /**
     * The algorithm that checks a signature made under {@code alg} (RS256 or ES256) with the key {@code kid}.
     */
    Algorithm algorithmFor(@Nullable String kid, @Nullable String alg) throws AuthException {
        if (kid == null || kid.isBlank()) {
            throw new AuthException("token is malformed");
        }
        if (!"RS256".equals(alg) && !"ES256".equals(alg)) {
            // "none", HMAC with a public key as the secret, and everything else we never issue.
            throw new AuthException("token signature is invalid");
        }
        final Jwk jwk = jwk(kid);
        if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(alg)) {
            throw new AuthException("token signature is invalid");
        }
        final PublicKey key = publicKey(jwk, kid);
        if ("RS256".equals(alg) && key instanceof RSAPublicKey rsa) {
            return Algorithm.RSA256(rsa);
        }
        if ("ES256".equals(alg) && key instanceof ECPublicKey ec) {
            return Algorithm.ECDSA256(ec);
        }
        throw new AuthException("token signature is invalid");
    }

    private Jwk jwk(String kid) throws AuthException {
        try {
            return provider.get(kid);
        } catch (NetworkException e) {
            // Connection refused, timeout, non-2xx answer or unparsable body: the provider is down or misconfigured.
            // At most REFETCHES_PER_MINUTE of these a minute: the provider is rate-limited below.
            logger.atWarn().addKeyValue("kid", shown(kid)).addKeyValue("reason", e.getMessage())
                    .log("cannot fetch the JWKS");
            throw new AuthException("identity provider unreachable", e);
        } catch (SigningKeyNotFoundException e) {
            // The freshly fetched JWKS has no key with this kid.
            throw unknownKey(kid, e);
        } catch (RateLimitReachedException e) {
            // Too many unknown kids lately: we may not ask the provider again yet, so we cannot know this kid.
            // Debug only: whoever sends made-up kids would otherwise control how much we log.
            logger.debug("JWKS refetch rate limit reached; kid {} treated as unknown", shown(kid));
            throw unknownKey(kid, e);
        } catch (JwkException e) {
            logger.atWarn().addKeyValue("kid", shown(kid)).setCause(e).log("cannot obtain the signing key");
            throw new AuthException("identity provider unreachable", e);
        }
    }

    private static PublicKey publicKey(Jwk jwk, String kid) throws AuthException {
        if (jwk.getUsage() != null && !"sig".equals(jwk.getUsage())) {
            throw unknownKey(kid, null);
        }
        try {
            return jwk.getPublicKey();
        } catch (InvalidPublicKeyException e) {
            // The provider publishes a key we cannot use (bad parameters, unsupported curve).
            logger.atWarn().addKeyValue("kid", shown(kid)).addKeyValue("reason", e.getMessage())
                    .log("the JWKS key is unusable");
            throw unknownKey(kid, e);
        }
    }

    private static AuthException unknownKey(String kid, @Nullable Exception cause) {
        final String message = "signing key " + shown(kid) + " is unknown";
        return cause == null ? new AuthException(message) : new AuthException(message, cause);
    }

    /** The kid comes from the client: keep what we echo or log short and printable. */
    private static String shown(String kid) {
        final String printable = kid.replaceAll("[^A-Za-z0-9._~+/=-]", "?");
        return printable.length() <= MAX_SHOWN_KID_LENGTH
                ? printable
                : printable.substring(0, MAX_SHOWN_KID_LENGTH) + "...";
    }

    private static java.net.URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("jwksUrl: " + uri + " (expected: an absolute http or https URL)", e);
        }
    }
}
