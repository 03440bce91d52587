package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** One room message or announcement the user sees, with when the user read it (primary key of messages). */
final class SelectSharedMessage implements Function<DSLContext, Optional<InboxRow>> {

    private final String userId;
    private final UUID messageId;

    SelectSharedMessage(String userId, UUID messageId) {
        this.userId = userId;
        this.messageId = messageId;
    }

    @Override
    public Optional<InboxRow> apply(DSLContext dsl) {
        SharedView view = new SharedView(userId);
        var readAt = view.readAt().as("read_at");
        return dsl.select(MESSAGES.fields()).select(readAt)
                .from(view.table())
                .where(MESSAGES.ID.eq(messageId), view.visible())
                .fetchOptional(r -> new InboxRow(r.into(MESSAGES), r.get(readAt)));
    }

    @Override
    public String toString() {
        return "SelectSharedMessage{user=" + userId + "}";
    }
}
