package dev.herald.message.admin;

import java.time.Instant;
import java.util.Optional;

/**
 * What an admin's search of all messages is narrowed to; empty optionals do not filter.
 *
 * @param receiverId only messages this user received
 * @param since only messages created at or after it
 * @param until only messages created before it
 * @param text only messages whose title or body contains it, ignoring case
 */
public record MessageCriteria(Optional<String> senderId, Optional<String> receiverId, Optional<String> type,
        Optional<Instant> since, Optional<Instant> until, Optional<String> text) {}
