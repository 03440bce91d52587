package dev.herald.message.store;

import static dev.herald.schema.generated.Tables.RECEIPTS;

import dev.herald.schema.generated.tables.records.ReceiptsRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Every receipt of the given messages, grouped by message, receivers in id order. */
public final class SelectReceipts implements Function<DSLContext, Map<UUID, List<ReceiptsRecord>>> {

    private final Collection<UUID> messageIds;

    public SelectReceipts(Collection<UUID> messageIds) {
        this.messageIds = messageIds;
    }

    @Override
    public Map<UUID, List<ReceiptsRecord>> apply(DSLContext dsl) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(RECEIPTS)
                .where(RECEIPTS.MESSAGE_ID.in(messageIds))
                .orderBy(RECEIPTS.MESSAGE_ID, RECEIPTS.RECEIVER_ID)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(ReceiptsRecord::getMessageId));
    }

    @Override
    public String toString() {
        return "SelectReceipts{" + messageIds.size() + " messages}";
    }
}
