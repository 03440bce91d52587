package dev.herald.message.presence;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A user a gateway link proved with the user's own token: deliverable on that link until {@code expiresAt}. */
record ProvenUser(String userId, Instant expiresAt) {

    ProvenUser {
        requireNonNull(userId, "userId");
        requireNonNull(expiresAt, "expiresAt");
    }
}
