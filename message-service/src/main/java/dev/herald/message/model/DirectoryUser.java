package dev.herald.message.model;

import static java.util.Objects.requireNonNull;

/** A user as the directory holds it: the id from the token's {@code sub}, the display name from its {@code name}. */
public record DirectoryUser(String id, String name) {

    public DirectoryUser {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
    }
}
