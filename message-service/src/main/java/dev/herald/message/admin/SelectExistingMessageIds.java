package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** Which of the given ids name stored messages (primary key). */
final class SelectExistingMessageIds implements Function<DSLContext, Set<UUID>> {

    private final Collection<UUID> messageIds;

    SelectExistingMessageIds(Collection<UUID> messageIds) {
        this.messageIds = messageIds;
    }

    @Override
    public Set<UUID> apply(DSLContext dsl) {
        return dsl.select(MESSAGES.ID).from(MESSAGES).where(MESSAGES.ID.in(messageIds)).fetchSet(MESSAGES.ID);
    }

    @Override
    public String toString() {
        return "SelectExistingMessageIds{" + messageIds.size() + " ids}";
    }
}
