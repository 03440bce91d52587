package dev.herald.message.store;

import dev.herald.message.model.MessageWithReceipts;
import dev.herald.message.page.Page;
import dev.herald.message.page.PageRequest;
import dev.herald.schema.generated.tables.records.MessagesRecord;
import dev.herald.schema.generated.tables.records.ReceiptsRecord;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** Messages with every receiver's state, as senders and admins see them: one more query per page, for the receipts. */
public final class SentMessages {

    private final QueryRunner queries;

    public SentMessages(QueryRunner queries) {
        this.queries = queries;
    }

    /** Runs a page query (keyset-paged by message id, fetching {@link PageRequest#rowsToFetch()}) and adds receipts. */
    public Page<MessageWithReceipts> page(PageRequest page, Function<DSLContext, List<MessagesRecord>> query) {
        return page.page(queries.run(query), row -> row.getId().toString()).mapItems(this::withReceipts);
    }

    public List<MessageWithReceipts> withReceipts(List<MessagesRecord> rows) {
        Map<UUID, List<ReceiptsRecord>> receipts = queries.run(new SelectReceipts(
                rows.stream().map(MessagesRecord::getId).toList()));
        return rows.stream().map(row -> {
            List<ReceiptsRecord> own = receipts.getOrDefault(row.getId(), List.of());
            return new MessageWithReceipts(MessageRows.toMessage(row, own),
                    own.stream().map(MessageRows::toReceipt).toList());
        }).toList();
    }
}
