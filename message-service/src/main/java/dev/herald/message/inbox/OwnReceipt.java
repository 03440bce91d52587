package dev.herald.message.inbox;

import java.util.UUID;

/** A message the caller received and still sees. */
record OwnReceipt(UUID messageId, String senderId, boolean read) {}
