package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Where a room message or announcement of the user's stands in its sync (deleted or recalled since, or not); empty
 * when it was never the user's. Resolves a sync {@code after} given as a message id, like {@link SelectReceiptPosition}.
 */
final class SelectSharedPosition implements Function<DSLContext, Optional<SyncCursor>> {

    private final String userId;
    private final UUID messageId;

    SelectSharedPosition(String userId, UUID messageId) {
        this.userId = userId;
        this.messageId = messageId;
    }

    @Override
    public Optional<SyncCursor> apply(DSLContext dsl) {
        SharedView view = new SharedView(userId);
        return dsl.select(MESSAGES.STREAM_SEQUENCE).from(view.table())
                .where(MESSAGES.ID.eq(messageId), view.inWindow())
                .fetchOptional(MESSAGES.STREAM_SEQUENCE)
                .map(sequence -> new SyncCursor(sequence, messageId));
    }

    @Override
    public String toString() {
        return "SelectSharedPosition{user=" + userId + "}";
    }
}
