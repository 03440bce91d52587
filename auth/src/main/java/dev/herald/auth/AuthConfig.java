package dev.herald.auth;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

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

    static final String JWKS_URL = "HERALD_JWKS_URL";
    static final String ISSUER = "HERALD_JWT_ISSUER";
    static final String AUDIENCE = "HERALD_JWT_AUDIENCE";
    static final String LEEWAY_SECONDS = "HERALD_JWT_LEEWAY_SECONDS";
    static final long MAX_LEEWAY_SECONDS = 300;

    public AuthConfig {
        requireNonNull(jwksUrl, "jwksUrl");
        requireNonNull(issuer, "issuer");
        requireNonNull(audience, "audience");
        requireNonNull(leeway, "leeway");
        checkArgument(!leeway.isNegative(), "leeway: %s (expected: >= 0)", leeway);
    }

    /**
     * Reads the configuration from {@code env} ({@code System.getenv()} in a {@code main}), using the defaults
     * above for absent variables.
     *
     * @throws IllegalArgumentException naming the variable when a value is present but unusable
     */
    public static AuthConfig fromEnv(Map<String, String> env) {
        requireNonNull(env, "env");
        return new AuthConfig(
                jwksUrl(env.getOrDefault(JWKS_URL, "http://127.0.0.1:8090/.well-known/jwks.json")),
                nonBlank(ISSUER, env.getOrDefault(ISSUER, "herald-dev")),
                nonBlank(AUDIENCE, env.getOrDefault(AUDIENCE, "herald")),
                leeway(env.getOrDefault(LEEWAY_SECONDS, "5")));
    }

    private static URI jwksUrl(String value) {
        final URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw invalid(JWKS_URL, value, "an absolute http or https URL");
        }
        final boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        if (!http || uri.getHost() == null) {
            throw invalid(JWKS_URL, value, "an absolute http or https URL");
        }
        return uri;
    }

    private static String nonBlank(String variable, String value) {
        if (value.isBlank()) {
            throw invalid(variable, value, "a non-blank string");
        }
        return value.strip();
    }

    private static Duration leeway(String value) {
        final long seconds;
        try {
            seconds = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(LEEWAY_SECONDS, value, "whole seconds from 0 to " + MAX_LEEWAY_SECONDS);
        }
        if (seconds < 0 || seconds > MAX_LEEWAY_SECONDS) {
            throw invalid(LEEWAY_SECONDS, value, "whole seconds from 0 to " + MAX_LEEWAY_SECONDS);
        }
        return Duration.ofSeconds(seconds);
    }

    private static IllegalArgumentException invalid(String variable, String value, String expected) {
        return new IllegalArgumentException(
                String.format("%s: '%s' (expected: %s)", variable, value, expected));
    }
}
