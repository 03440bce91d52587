package dev.herald.message.inbox;

import java.time.Instant;
import java.util.Optional;

/**
 * What a receiver's list is narrowed to; empty optionals do not filter.
 *
 * @param since only messages created at or after it
 * @param until only messages created before it
 */
public record InboxFilter(boolean unreadOnly, Optional<String> senderId, Optional<String> type,
        Optional<Instant> since, Optional<Instant> until) {

    static final InboxFilter EVERYTHING =
            new InboxFilter(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
