package dev.herald.message.inbox;

import java.util.Optional;
import java.util.UUID;

/** What a receiver's list is narrowed to; empty optionals do not filter. */
record InboxFilter(boolean unreadOnly, Optional<String> senderId, Optional<String> type,
        Optional<UUID> sinceId, Optional<UUID> untilId) {}
