package dev.herald.bench.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Users read from a JSON file {@code [{"id", "username" or "name", "token"}, ...]}, the format of the seed stack's
 * {@code bench/tokens.json}.
 */
public final class TokenFile {

    private TokenFile() {}

    /**
     * The users in {@code file}, in file order.
     *
     * @throws UncheckedIOException     if the file cannot be read or is not JSON
     * @throws IllegalArgumentException if an entry lacks an id or a token
     */
    public static List<BenchUser> read(Path file, ObjectMapper mapper) {
        final JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokens from " + file, e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + ": expected a JSON array of {id, username, token}");
        }
        final List<BenchUser> users = new ArrayList<>(root.size());
        for (JsonNode entry : root) {
            final String id = entry.path("id").asText("");
            final String token = entry.path("token").asText("");
            if (id.isEmpty() || token.isEmpty()) {
                throw new IllegalArgumentException(file + ": entry " + users.size() + " needs an id and a token");
            }
            users.add(new BenchUser(id, entry.path("username").asText(entry.path("name").asText(id)), token));
        }
        return users;
    }
}
