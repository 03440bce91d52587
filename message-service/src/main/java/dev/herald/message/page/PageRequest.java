package dev.herald.message.page;

import dev.herald.message.error.HeraldException.InvalidArgument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The paging inputs every list shares, parsed. Messages are paged by their time-ordered id (keyset
 * pagination, never OFFSET); time ranges become id bounds, so they use the same indexes.
 *
 * @param cursor the message id the page starts after (or before, for lists newest first)
 * @param limit the page size
 */
public record PageRequest(Optional<UUID> cursor, int limit) {

    public static final int MAX_LIMIT = 500;

    /**
     * A page of messages.
     *
     * @param cursor the request's message-id cursor (empty: none), named {@code cursorField} in errors
     * @param requestedLimit the request's page size (0: {@code defaultLimit})
     */
    public static PageRequest ofMessages(String cursor, String cursorField, int requestedLimit, int defaultLimit) {
        return new PageRequest(cursor(cursor, cursorField), limit(requestedLimit, defaultLimit));
    }

    /** How many rows the query fetches: one more than the page, to tell whether there is more. */
    public int rowsToFetch() {
        return limit + 1;
    }

    /** The page of what the query fetched with {@link #rowsToFetch()}. */
    public <T> Page<T> page(List<T> rowsFetched, Function<T, String> cursorOf) {
        return Page.of(rowsFetched, limit, cursorOf);
    }

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

    /** The smallest UUIDv7 of the instant's millisecond: ids at or above it are not older. */
    public static UUID idBound(Instant time) {
        return new UUID((time.toEpochMilli() << 16) | 0x7000L, 0x8000_0000_0000_0000L);
    }
}
