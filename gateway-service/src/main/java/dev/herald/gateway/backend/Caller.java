package dev.herald.gateway.backend;

import static java.util.Objects.requireNonNull;

/**
 * The signed-in user a call is made for: its token goes along as the bearer (the instance trusts nothing else),
 * its id picks the user's own instance for the calls that must meet there.
 */
public record Caller(String userId, String token) {

    public Caller {
        requireNonNull(userId, "userId");
        requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "Caller[userId=" + userId + "]";
    }
}
