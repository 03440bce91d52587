package dev.herald.auth;

import static java.util.Objects.requireNonNull;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;

/**
 * Verifies RS256 and ES256 JWTs against the configured JWKS: signature by the key named in the {@code kid}
 * header, then issuer, audience, and expiry with the configured leeway; {@code sub} and {@code exp} are required.
 * Thread-safe: share one instance.
 */
public final class JwtVerifier {

    /** Far above any real token; refusing bigger input early keeps the parser's work bounded. */
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final AuthConfig config;
    private final SigningKeys keys;
    private final Clock clock;

    public JwtVerifier(AuthConfig config) {
        this(config, Clock.systemUTC());
    }

    JwtVerifier(AuthConfig config, Clock clock) {
        this(config, new SigningKeys(requireNonNull(config, "config").jwksUrl()), clock);
    }

    JwtVerifier(AuthConfig config, SigningKeys keys, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.keys = requireNonNull(keys, "keys");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Runs {@code listener} whenever the identity provider stopped publishing a signing key it published before: a
     * token verified earlier may be signed by it.
     */
    public void onKeysRetired(Runnable listener) {
        keys.onKeysRetired(listener);
    }

    /**
     * Returns the identity {@code token} proves.
     *
     * @throws AuthException whose message names why the token is refused, safe to show to the client
     */
    public VerifiedUser verify(String token) throws AuthException {
        requireNonNull(token, "token");
        final DecodedJWT jwt = decode(token);
        final Algorithm algorithm = keys.algorithmFor(jwt.getKeyId(), jwt.getAlgorithm());
        try {
            verifierFor(algorithm).verify(jwt);
        } catch (JWTVerificationException e) {
            throw JwtRejections.toAuthException(e);
        }
        return UserClaims.toUser(jwt);
    }

    private static DecodedJWT decode(String token) throws AuthException {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new AuthException("token is malformed");
        }
        try {
            return JWT.decode(token);
        } catch (JWTDecodeException e) {
            throw new AuthException("token is malformed", e);
        }
    }

    private JWTVerifier verifierFor(Algorithm algorithm) {
        // JWT.require returns a BaseVerification; only it can take the Clock.
        final JWTVerifier.BaseVerification verification = (JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withIssuer(config.issuer())
                .withAudience(config.audience())
                .withClaimPresence("sub")
                .withClaimPresence("exp")
                .acceptLeeway(config.leeway().toSeconds());
        return verification.build(clock);
    }
}
