package dev.herald.message.presence;

import dev.herald.auth.VerifiedUser;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The users a link may send as: each proven on it, as the token that proved it last (a later proof keeps the one
 * that expires later, as {@link PresenceTable} does). Touched only by its link's frames, which gRPC runs one at a
 * time, so not thread-safe.
 */
final class LinkSenders {

    private final Map<String, VerifiedUser> byId = new HashMap<>();

    void proven(ProvenUser proven) {
        byId.merge(proven.userId(), proven.user(),
                (held, offered) -> offered.expiresAt().isAfter(held.expiresAt()) ? offered : held);
    }

    void left(String userId) {
        byId.remove(userId);
    }

    /** The user as proven on the link; whether the proof still holds is {@link PresenceTable#isProvenOn}'s call. */
    Optional<VerifiedUser> find(String userId) {
        return Optional.ofNullable(byId.get(userId));
    }
}
