package dev.herald.bench.identity;

import static java.util.Objects.requireNonNull;

/**
 * One simulated user: its user id (what receivers lists name), display name and bearer token. {@code toString}
 * leaves the token out.
 */
public record BenchUser(String id, String name, String token) {

    public BenchUser {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "BenchUser{id=" + id + ", name=" + name + '}';
    }
}
