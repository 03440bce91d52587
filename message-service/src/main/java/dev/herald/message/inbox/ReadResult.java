package dev.herald.message.inbox;

import dev.herald.message.batch.BatchResult;
import java.time.Instant;

/** What marking read did, and the read time it recorded for the changed messages. */
public record ReadResult(BatchResult batch, Instant readAt) {}
