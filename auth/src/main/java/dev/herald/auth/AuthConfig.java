package dev.herald.auth;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.herald.config.Env;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Where the identity provider publishes its keys and what a token must say to be accepted.
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><th>Variable</th><th>Default</th></tr>
 *   <tr><td>{@code HERALD_JWKS_URL}</td><td>{@code http://127.0.0.1:8090/.well-known/jwks.json}</td></tr>
 *   <tr><td>{@code HERALD_JWT_ISSUER}</td><td>{@code herald-dev}</td></tr>
 *   <tr><td>{@code HERALD_JWT_AUDIENCE}</td><td>{@code herald}</td></tr>
 *   <tr><td>{@code HERALD_JWT_LEEWAY_SECONDS}</td><td>{@code 5} (0 to 300)</td></tr>
 * </table>
 */
public record AuthConfig(URI jwksUrl, String issuer, String audience, Duration leeway) {

    static final int MAX_LEEWAY_SECONDS = 300;

    public AuthConfig {
        requireNonNull(jwksUrl, "jwksUrl");
        requireNonNull(issuer, "issuer");
        requireNonNull(audience, "audience");
        requireNonNull(leeway, "leeway");
        checkArgument(!leeway.isNegative(), "leeway: %s (expected: >= 0)", leeway);
    }

    /** Reads the settings, with the defaults above for absent variables. */
    public static AuthConfig from(Env env) {
        return new AuthConfig(
                env.uri("HERALD_JWKS_URL", "http://127.0.0.1:8090/.well-known/jwks.json", Set.of("http", "https")),
                env.string("HERALD_JWT_ISSUER", "herald-dev"),
                env.string("HERALD_JWT_AUDIENCE", "herald"),
                env.duration("HERALD_JWT_LEEWAY_SECONDS", 5, ChronoUnit.SECONDS, 0, MAX_LEEWAY_SECONDS));
    }
}
