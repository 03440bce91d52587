package dev.herald.auth;

import com.auth0.jwk.InvalidPublicKeyException;
import com.auth0.jwk.Jwk;
import com.auth0.jwt.algorithms.Algorithm;
import java.net.URI;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's public keys, by key id, turned into the {@link Algorithm} that checks a signature.
 * Keys come from a {@link JwksKeySet}: the provider's whole key set, refreshed in the background and refetched for
 * an unknown kid at most once per interval, so that tokens with made-up kids can neither flood the provider nor
 * keep a real new key out.
 */
final class SigningKeys {

    private static final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

    private static final int MAX_SHOWN_KID_LENGTH = 64;

    private final JwksKeySet keySet;

    SigningKeys(URI jwksUrl) {
        this(JwksKeySet.fetching(jwksUrl));
    }

    SigningKeys(JwksKeySet keySet) {
        this.keySet = keySet;
    }

    /** Runs {@code listener} whenever the provider stopped publishing a key it published before. */
    void onKeysRetired(Runnable listener) {
        keySet.onKeysRetired(listener);
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
        return keySet.find(kid).orElseThrow(() -> unknownKey(kid, null));
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
}
