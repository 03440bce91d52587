package dev.herald.message.outbox;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The room messages and announcements among the given ids (primary key of messages). */
final class SelectSharedMessages implements Function<DSLContext, List<SharedMessage>> {

    private final Collection<UUID> messageIds;

    SelectSharedMessages(Collection<UUID> messageIds) {
        this.messageIds = messageIds;
    }

    @Override
    public List<SharedMessage> apply(DSLContext dsl) {
        return dsl.select(MESSAGES.ID, MESSAGES.ROOM_ID, MESSAGES.ANNOUNCEMENT).from(MESSAGES)
                .where(MESSAGES.ID.in(messageIds), MESSAGES.ROOM_ID.isNotNull().or(DSL.condition(MESSAGES.ANNOUNCEMENT)))
                .fetch(r -> new SharedMessage(r.value1(), Optional.ofNullable(r.value2()), r.value3()));
    }

    @Override
    public String toString() {
        return "SelectSharedMessages{" + messageIds.size() + " ids}";
    }
}
