package dev.herald.message.outbox;

import java.util.Optional;
import java.util.UUID;

/** A sent message without receipts: a room message (its room) or an announcement. */
record SharedMessage(UUID id, Optional<UUID> roomId, boolean announcement) {}
