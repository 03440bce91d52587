package dev.herald.message.testing;

import dev.herald.auth.AuthConfig;
import dev.herald.auth.JwtVerifier;
import dev.herald.auth.VerifiedTokenCache;
import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import java.time.Clock;
import java.time.Duration;

/**
 * A real identity provider for tests: a signing key, its JWKS served over HTTP on loopback, tokens for any user,
 * and the verifier a message-service would build against it.
 */
public final class TestIdentity implements AutoCloseable {

    public static final String ISSUER = "herald-test";
    public static final String AUDIENCE = "herald";

    private final DevKeys keys;
    private final JwksServer jwks;
    private final DevTokenIssuer issuer;
    private final VerifiedTokenCache tokens;

    private TestIdentity(DevKeys keys, JwksServer jwks) {
        this.keys = keys;
        this.jwks = jwks;
        this.issuer = new DevTokenIssuer(keys, ISSUER, AUDIENCE, Clock.systemUTC());
        this.tokens = new VerifiedTokenCache(new JwtVerifier(new AuthConfig(jwks.jwksUrl(), ISSUER, AUDIENCE,
                Duration.ofSeconds(5))), 1000, Clock.systemUTC());
    }

    public static TestIdentity start() {
        DevKeys keys = DevKeys.generate();
        return new TestIdentity(keys, JwksServer.start(keys, "127.0.0.1", 0));
    }

    /** A valid token of {@code userId} for 30 minutes. */
    public String token(String userId) {
        return token(userId, Duration.ofMinutes(30));
    }

    public String token(String userId, Duration ttl) {
        return issuer.issue(userId, userId, false, ttl);
    }

    /** Tokens signed by this provider's key, with other claims: another issuer's clock, audience or issuer. */
    public DevTokenIssuer issuer(String issuer, String audience, Clock clock) {
        return new DevTokenIssuer(keys, issuer, audience, clock);
    }

    /** The verifier of the message-service under test: this provider's keys, issuer and audience. */
    public VerifiedTokenCache tokens() {
        return tokens;
    }

    @Override
    public void close() {
        jwks.close();
    }
}
