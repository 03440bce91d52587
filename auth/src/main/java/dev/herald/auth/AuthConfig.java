package dev.herald.auth;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import dev.herald.config.LoopbackHost;
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
 *   <tr><td>{@code HERALD_JWKS_URL}</td><td>{@code http://127.0.0.1:8090/.well-known/jwks.json} (https, or http on
 *   a loopback host; any http host when {@code HERALD_DEV_MODE=true})</td></tr>
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
                jwksUrl(env),
                env.string("HERALD_JWT_ISSUER", "herald-dev"),
                env.string("HERALD_JWT_AUDIENCE", "herald"),
                env.duration("HERALD_JWT_LEEWAY_SECONDS", 5, ChronoUnit.SECONDS, 0, MAX_LEEWAY_SECONDS));
    }

    /**
     * Whoever can change the keys on their way from the provider can sign any token: plain http is only for a
     * provider on this machine, or for a development setup that says so.
     */
    private static URI jwksUrl(Env env) {
        final boolean devMode = env.bool("HERALD_DEV_MODE", false);
        final URI url = env.uri("HERALD_JWKS_URL", "http://127.0.0.1:8090/.well-known/jwks.json",
                                Set.of("http", "https"));
        if (devMode || "https".equalsIgnoreCase(url.getScheme()) || LoopbackHost.is(url.getHost())) {
            return url;
        }
        throw ConfigException.invalid("HERALD_JWKS_URL", url.toString(),
                                      "an https URL; http only on a loopback host or with HERALD_DEV_MODE=true");
    }
}
