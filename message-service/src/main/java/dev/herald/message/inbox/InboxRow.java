package dev.herald.message.inbox;

import dev.herald.schema.generated.tables.records.MessagesRecord;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A received message and the receiver's read time. */
record InboxRow(MessagesRecord message, @Nullable OffsetDateTime readAt) {}
