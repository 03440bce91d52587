package dev.herald.message.inbox;

import dev.herald.message.model.DirectMessage;
import java.time.Instant;
import java.util.Optional;

/** A message as its receiver sees it (without the sender's clientId), and when the receiver read it. */
public record InboxEntry(DirectMessage message, Optional<Instant> readAt) {}
