package dev.herald.message.send;

import java.time.Instant;
import java.util.UUID;

/**
 * A message accepted: durable in the stream.
 *
 * @param duplicate true when a retry of the same clientId resolved to the message first sent with it
 */
public record SendResult(UUID id, Instant createdAt, boolean duplicate) {}
