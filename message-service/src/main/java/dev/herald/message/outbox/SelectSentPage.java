package dev.herald.message.outbox;

import static dev.herald.schema.generated.Tables.MESSAGES;

import dev.herald.schema.generated.tables.records.MessagesRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** One page of a sender's own view, newest first, keyset-paged (index messages_outbox_idx). */
final class SelectSentPage implements Function<DSLContext, List<MessagesRecord>> {

    private final String senderId;
    private final Optional<UUID> before;
    private final int rows;

    SelectSentPage(String senderId, Optional<UUID> before, int rows) {
        this.senderId = senderId;
        this.before = before;
        this.rows = rows;
    }

    @Override
    public List<MessagesRecord> apply(DSLContext dsl) {
        Condition cursor = before.map(MESSAGES.ID::lt).orElse(DSL.noCondition());
        return dsl.selectFrom(MESSAGES)
                .where(MESSAGES.SENDER_ID.eq(senderId), MESSAGES.SENDER_DELETED_AT.isNull(), cursor)
                .orderBy(MESSAGES.SENDER_ID.desc(), MESSAGES.ID.desc())
                .limit(rows)
                .fetch();
    }

    @Override
    public String toString() {
        return "SelectSentPage{sender=" + senderId + ", rows=" + rows + "}";
    }
}
