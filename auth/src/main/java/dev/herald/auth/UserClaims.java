package dev.herald.auth;

import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a {@link VerifiedUser} out of a token whose signature and standard claims were already checked. */
final class UserClaims {

    /** Longest user id, in code points ({@code varchar(255)} in the schema). */
    static final int MAX_SUBJECT_CODE_POINTS = 255;

    private UserClaims() {
    }

    static VerifiedUser toUser(DecodedJWT jwt) throws AuthException {
        final String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new AuthException("token has no subject");
        }
        // The subject is the user id everywhere, stored as varchar(255): refuse what could not be stored.
        if (subject.codePointCount(0, subject.length()) > MAX_SUBJECT_CODE_POINTS) {
            throw new AuthException("token subject is longer than " + MAX_SUBJECT_CODE_POINTS + " characters");
        }
        if (subject.indexOf('\0') >= 0 || !DisplayName.storable(subject).equals(subject)) {
            throw new AuthException("token subject is not storable text (NUL or a lone surrogate)");
        }
        final Instant expiresAt = jwt.getExpiresAtAsInstant();
        if (expiresAt == null) {
            throw new AuthException("token has no expiry");
        }
        final String name = jwt.getClaim("name").asString();
        return new VerifiedUser(subject, name == null || name.isBlank() ? subject : DisplayName.storable(name),
                                roles(jwt.getClaim("roles")), expiresAt);
    }

    private static Set<String> roles(Claim claim) throws AuthException {
        if (claim.isMissing() || claim.isNull()) {
            return Set.of();
        }
        final List<String> roles;
        try {
            roles = claim.asList(String.class);
        } catch (JWTDecodeException e) {
            throw new AuthException("token is malformed", e);
        }
        if (roles == null) {
            // Present but not an array: refuse rather than guess what the issuer meant.
            throw new AuthException("token is malformed");
        }
        return roles.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }
}
