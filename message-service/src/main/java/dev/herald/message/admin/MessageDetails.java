package dev.herald.message.admin;

import dev.herald.message.model.MessageWithReceipts;
import java.time.Instant;
import java.util.Optional;

/** One message as an admin sees it: with every receipt, and whether its sender recalled it or deleted it from view. */
public record MessageDetails(MessageWithReceipts message, Optional<Instant> recalledAt,
        Optional<Instant> senderDeletedAt) {}
