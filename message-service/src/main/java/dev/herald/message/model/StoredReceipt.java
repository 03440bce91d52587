package dev.herald.message.model;

import java.time.Instant;
import java.util.Optional;

/** One receiver's state of a stored message: when it was read and when the receiver deleted it, if ever. */
public record StoredReceipt(String receiverId, Optional<Instant> readAt, Optional<Instant> deletedAt) {}
