package dev.herald.message.outbox;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Which of the given ids the caller sent and still has in view (deleted-from-view or recalled
 * ones excluded, per operation): the ownership check of every sender operation.
 */
final class SelectOwnSent implements Function<DSLContext, Set<UUID>> {

    private final String senderId;
    private final Collection<UUID> messageIds;
    private final Condition stillApplies;

    SelectOwnSent(String senderId, Collection<UUID> messageIds, Condition stillApplies) {
        this.senderId = senderId;
        this.messageIds = messageIds;
        this.stillApplies = stillApplies;
    }

    @Override
    public Set<UUID> apply(DSLContext dsl) {
        return dsl.select(MESSAGES.ID).from(MESSAGES)
                .where(MESSAGES.SENDER_ID.eq(senderId), MESSAGES.ID.in(messageIds), stillApplies)
                .fetchSet(MESSAGES.ID);
    }

    @Override
    public String toString() {
        return "SelectOwnSent{sender=" + senderId + ", " + messageIds.size() + " ids}";
    }
}
