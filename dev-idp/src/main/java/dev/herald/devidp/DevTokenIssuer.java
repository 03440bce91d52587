package dev.herald.devidp;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Issues RS256 JWTs signed with {@link DevKeys}: header {@code kid}; claims {@code iss}, {@code aud},
 * {@code sub} (the user id), {@code name}, {@code roles} ({@code ["admin"]} for an admin, else {@code []}),
 * {@code iat} (now) and {@code exp} (now + ttl). Thread-safe.
 */
public final class DevTokenIssuer {

    private final String keyId;
    private final Algorithm algorithm;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    public DevTokenIssuer(DevKeys keys, String issuer, String audience, Clock clock) {
        requireNonNull(keys, "keys");
        this.keyId = keys.keyId();
        this.algorithm = Algorithm.RSA256(keys.publicKey(), keys.privateKey());
        this.issuer = requireNonNull(issuer, "issuer");
        this.audience = requireNonNull(audience, "audience");
        this.clock = requireNonNull(clock, "clock");
    }

    /** A signed token for {@code userId}, valid for {@code ttl} (whole seconds) from now. */
    public String issue(String userId, String name, boolean admin, Duration ttl) {
        requireNonNull(userId, "userId");
        requireNonNull(name, "name");
        requireNonNull(ttl, "ttl");
        checkArgument(!userId.isBlank(), "userId: '%s' (expected: not blank)", userId);
        checkArgument(ttl.toSeconds() > 0, "ttl: %s (expected: >= 1 second)", ttl);
        final Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        final JWTCreator.Builder token = JWT.create()
                .withKeyId(keyId)
                .withIssuer(issuer)
                .withAudience(audience)
                .withSubject(userId)
                .withClaim("roles", admin ? List.of("admin") : List.of())
                .withIssuedAt(now)
                .withExpiresAt(now.plusSeconds(ttl.toSeconds()));
        if (!name.isBlank()) {
            token.withClaim("name", name);
        }
        return token.sign(algorithm);
    }
}
