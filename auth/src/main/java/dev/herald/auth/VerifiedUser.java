package dev.herald.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * A token's verified identity: {@code sub} becomes {@link #id()}, the {@code name} claim {@link #name()}
 * (the subject when the claim is absent or blank), the {@code roles} claim {@link #roles()} (empty when absent)
 * and {@code exp} {@link #expiresAt()}.
 */
public record VerifiedUser(String id, String name, Set<String> roles, Instant expiresAt) {

    static final String ADMIN_ROLE = "admin";

    public VerifiedUser {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        roles = Set.copyOf(requireNonNull(roles, "roles"));
        requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether {@link #roles()} contains {@code "admin"}. */
    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }
}
