package dev.herald.message.store;

import dev.herald.message.model.DirectMessage;
import dev.herald.message.model.StoredReceipt;
import dev.herald.schema.generated.tables.records.MessagesRecord;
import dev.herald.schema.generated.tables.records.ReceiptsRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Maps stored rows to the model's messages and receipts. */
public final class MessageRows {

    private MessageRows() {}

    /** @param receipts the message's receipts, which name its receivers (none for room messages and announcements) */
    public static DirectMessage toMessage(MessagesRecord row, List<ReceiptsRecord> receipts) {
        return new DirectMessage(
                row.getId(),
                row.getSenderId(),
                row.getSenderName(),
                receipts.stream().map(ReceiptsRecord::getReceiverId).toList(),
                row.getTitle(),
                row.getBody(),
                row.getType(),
                row.getCreatedAt().toInstant(),
                Optional.ofNullable(row.getClientId()),
                Optional.ofNullable(row.getRoomId()),
                row.getAnnouncement());
    }

    public static StoredReceipt toReceipt(ReceiptsRecord row) {
        return new StoredReceipt(row.getReceiverId(), instant(row.getReadAt()), instant(row.getDeletedAt()));
    }

    public static Optional<Instant> instant(@Nullable OffsetDateTime time) {
        return Optional.ofNullable(time).map(OffsetDateTime::toInstant);
    }
}
