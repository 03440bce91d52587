package dev.herald.message.outbox;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Which of the given ids the caller sent and may still apply {@code operation} to: the ownership check of every
 * sender operation.
 */
final class SelectOwnSent implements Function<DSLContext, Set<UUID>> {

    /** What a sender does to its messages; each excludes the messages it was already done to. */
    enum Operation {
        /** Delete from the sender's own view. */
        DELETE_FROM_VIEW,
        /** Delete for everyone. */
        RECALL
    }

    private final String senderId;
    private final Collection<UUID> messageIds;
    private final Operation operation;

    SelectOwnSent(String senderId, Collection<UUID> messageIds, Operation operation) {
        this.senderId = senderId;
        this.messageIds = messageIds;
        this.operation = operation;
    }

    @Override
    public Set<UUID> apply(DSLContext dsl) {
        Condition notYetDone = switch (operation) {
            case DELETE_FROM_VIEW -> MESSAGES.SENDER_DELETED_AT.isNull();
            case RECALL -> MESSAGES.RECALLED_AT.isNull();
        };
        return dsl.select(MESSAGES.ID).from(MESSAGES)
                .where(MESSAGES.SENDER_ID.eq(senderId), MESSAGES.ID.in(messageIds), notYetDone)
                .fetchSet(MESSAGES.ID);
    }

    @Override
    public String toString() {
        return "SelectOwnSent{sender=" + senderId + ", " + messageIds.size() + " ids, " + operation + "}";
    }
}
