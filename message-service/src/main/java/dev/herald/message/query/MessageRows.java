package dev.herald.message.query;

import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.Receipt;
import dev.herald.proto.v1.User;
import dev.herald.schema.generated.tables.records.MessagesRecord;
import dev.herald.schema.generated.tables.records.ReceiptsRecord;
import java.util.List;

/** Maps stored rows to the API's messages and receipts. */
public final class MessageRows {

    private MessageRows() {}

    public static Message toMessage(MessagesRecord row, List<ReceiptsRecord> receipts) {
        return Message.newBuilder()
                .setId(row.getId().toString())
                .setSender(User.newBuilder().setId(row.getSenderId()).setName(row.getSenderName()))
                .addAllReceivers(receipts.stream().map(ReceiptsRecord::getReceiverId).toList())
                .setTitle(row.getTitle())
                .setBody(row.getBody())
                .setType(row.getType())
                .setCreatedAt(Timestamps.of(row.getCreatedAt()))
                .setClientId(row.getClientId() == null ? "" : row.getClientId())
                .build();
    }

    public static Receipt toReceipt(ReceiptsRecord row) {
        Receipt.Builder receipt = Receipt.newBuilder().setReceiverId(row.getReceiverId());
        if (row.getReadAt() != null) {
            receipt.setReadAt(Timestamps.of(row.getReadAt()));
        }
        if (row.getDeletedAt() != null) {
            receipt.setDeletedAt(Timestamps.of(row.getDeletedAt()));
        }
        return receipt.build();
    }
}
