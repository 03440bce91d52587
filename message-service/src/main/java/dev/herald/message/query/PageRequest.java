package dev.herald.message.query;

import com.google.protobuf.Timestamp;
import dev.herald.message.error.HeraldException.InvalidArgument;
import java.util.Optional;
import java.util.UUID;

/**
 * Parses the paging inputs every list shares. Messages are paged by their time-ordered id (keyset
 * pagination, never OFFSET); time ranges become id bounds, so they use the same indexes.
 */
public final class PageRequest {

    public static final int MAX_LIMIT = 500;

    private PageRequest() {}

    /** The page size: {@code fallback} for 0, else 1..500. */
    public static int limit(int requested, int fallback) {
        if (requested == 0) {
            return fallback;
        }
        if (requested < 0 || requested > MAX_LIMIT) {
            throw new InvalidArgument("limit", "limit: " + requested + " (expected: 1.." + MAX_LIMIT + ")");
        }
        return requested;
    }

    /** A message-id cursor; empty when not given. */
    public static Optional<UUID> cursor(String value, String field) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgument(field, field + " must be a message id");
        }
    }

    /** The smallest UUIDv7 of the timestamp's millisecond: ids at or above it are not older. */
    public static Optional<UUID> idBound(boolean present, Timestamp time) {
        if (!present) {
            return Optional.empty();
        }
        long millis = time.getSeconds() * 1000 + time.getNanos() / 1_000_000;
        return Optional.of(new UUID((millis << 16) | 0x7000L, 0x8000_0000_0000_0000L));
    }
}
