package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;

import dev.herald.proto.v1.MessageFilter;
import java.util.function.Function;
import org.jooq.DSLContext;

/** How many messages match an admin filter. */
final class CountMessages implements Function<DSLContext, Long> {

    private final MessageFilter filter;

    CountMessages(MessageFilter filter) {
        this.filter = filter;
    }

    @Override
    public Long apply(DSLContext dsl) {
        return (long) dsl.fetchCount(MESSAGES, MessageConditions.of(filter));
    }

    @Override
    public String toString() {
        return "CountMessages";
    }
}
