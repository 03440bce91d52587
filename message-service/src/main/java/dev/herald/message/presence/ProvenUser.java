package dev.herald.message.presence;

import static java.util.Objects.requireNonNull;

import dev.herald.auth.VerifiedUser;
import java.time.Instant;
import java.util.Set;

/**
 * A user a gateway link proved with the user's own token: deliverable on that link, and a sender of the link's
 * sends, until the token's {@code expiresAt}.
 */
record ProvenUser(VerifiedUser user) {

    ProvenUser {
        requireNonNull(user, "user");
    }

    /** A user proven until {@code expiresAt}, named by its id. */
    ProvenUser(String userId, Instant expiresAt) {
        this(new VerifiedUser(userId, userId, Set.of(), expiresAt));
    }

    String userId() {
        return user.id();
    }

    Instant expiresAt() {
        return user.expiresAt();
    }
}
