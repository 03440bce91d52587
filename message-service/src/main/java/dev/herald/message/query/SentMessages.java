package dev.herald.message.query;

import dev.herald.proto.v1.SentMessage;
import dev.herald.schema.generated.tables.records.MessagesRecord;
import dev.herald.schema.generated.tables.records.ReceiptsRecord;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Messages with every receiver's state, as senders and admins see them: two queries per page. */
public final class SentMessages {

    private final QueryRunner queries;

    public SentMessages(QueryRunner queries) {
        this.queries = queries;
    }

    public List<SentMessage> withReceipts(List<MessagesRecord> rows) {
        Map<UUID, List<ReceiptsRecord>> receipts = queries.run(new SelectReceipts(
                rows.stream().map(MessagesRecord::getId).toList()));
        return rows.stream().map(row -> {
            List<ReceiptsRecord> own = receipts.getOrDefault(row.getId(), List.of());
            return SentMessage.newBuilder()
                    .setMessage(MessageRows.toMessage(row, own))
                    .addAllReceipts(own.stream().map(MessageRows::toReceipt).toList())
                    .build();
        }).toList();
    }
}
