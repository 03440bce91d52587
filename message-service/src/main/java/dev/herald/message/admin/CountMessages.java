package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.function.Function;
import org.jooq.DSLContext;

/** How many messages match an admin filter. */
final class CountMessages implements Function<DSLContext, Long> {

    private final MessageCriteria criteria;

    CountMessages(MessageCriteria criteria) {
        this.criteria = criteria;
    }

    @Override
    public Long apply(DSLContext dsl) {
        return (long) dsl.fetchCount(MESSAGES, MessageConditions.of(criteria));
    }

    @Override
    public String toString() {
        return "CountMessages";
    }
}
