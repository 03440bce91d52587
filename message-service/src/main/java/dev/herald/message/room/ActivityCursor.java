package dev.herald.message.room;

import dev.herald.message.error.HeraldException.InvalidArgument;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of "my rooms" continues: rooms are ordered by last activity (the stream sequence of the newest
 * message, or of joining when later), most recent first, then by id. Encoded {@code <activity>.<room id>}.
 */
record ActivityCursor(long activity, UUID roomId) {

    String encode() {
        return activity + "." + roomId;
    }

    /** Empty for an empty value; INVALID_ARGUMENT naming {@code field} for anything but an encoded cursor. */
    static Optional<ActivityCursor> parse(String value, String field) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        try {
            return Optional.of(new ActivityCursor(Long.parseLong(value.substring(0, dot)),
                    UUID.fromString(value.substring(dot + 1))));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new InvalidArgument(field, field + " must be the next_before of an earlier page");
        }
    }
}
