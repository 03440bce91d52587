package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * The room messages and announcements among the given ids that the caller sees: the ownership check of marking them
 * read or deleting them (ids not returned are not the caller's).
 */
final class SelectOwnShared implements Function<DSLContext, List<SharedMark>> {

    private final String userId;
    private final Collection<UUID> messageIds;

    SelectOwnShared(String userId, Collection<UUID> messageIds) {
        this.userId = userId;
        this.messageIds = messageIds;
    }

    @Override
    public List<SharedMark> apply(DSLContext dsl) {
        SharedView view = new SharedView(userId);
        return dsl.select(MESSAGES.ID, MESSAGES.ANNOUNCEMENT, view.readAt())
                .from(view.table())
                .where(MESSAGES.ID.in(messageIds), view.visible())
                .fetch(r -> new SharedMark(r.value1(), r.value2(), r.value3() != null));
    }

    @Override
    public String toString() {
        return "SelectOwnShared{user=" + userId + ", " + messageIds.size() + " ids}";
    }
}
