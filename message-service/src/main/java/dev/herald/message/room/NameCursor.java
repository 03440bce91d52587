package dev.herald.message.room;

import dev.herald.message.error.HeraldException.InvalidArgument;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of rooms by name continues: (name in byte order, id). Encoded {@code <base64url name>.<room id>},
 * since a name may hold any character.
 */
record NameCursor(String name, UUID roomId) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8))
                + "." + roomId;
    }

    /** Empty for an empty value; INVALID_ARGUMENT naming {@code field} for anything but an encoded cursor. */
    static Optional<NameCursor> parse(String value, String field) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int dot = value.lastIndexOf('.');
        try {
            String name = new String(Base64.getUrlDecoder().decode(value.substring(0, dot)), StandardCharsets.UTF_8);
            return Optional.of(new NameCursor(name, UUID.fromString(value.substring(dot + 1))));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new InvalidArgument(field, field + " must be the next_after of an earlier page");
        }
    }
}
