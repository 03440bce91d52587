package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;

import dev.herald.schema.generated.tables.records.MessagesRecord;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** One stored message by id, whoever sent it (primary key). */
final class SelectMessage implements Function<DSLContext, Optional<MessagesRecord>> {

    private final UUID messageId;

    SelectMessage(UUID messageId) {
        this.messageId = messageId;
    }

    @Override
    public Optional<MessagesRecord> apply(DSLContext dsl) {
        return dsl.selectFrom(MESSAGES).where(MESSAGES.ID.eq(messageId)).fetchOptional();
    }

    @Override
    public String toString() {
        return "SelectMessage{" + messageId + "}";
    }
}
