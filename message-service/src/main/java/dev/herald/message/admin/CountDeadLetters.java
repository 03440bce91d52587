package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.DEAD_LETTERS;

import java.util.function.Function;
import org.jooq.DSLContext;

/** How many dead letters there are. */
final class CountDeadLetters implements Function<DSLContext, Long> {

    @Override
    public Long apply(DSLContext dsl) {
        return (long) dsl.fetchCount(DEAD_LETTERS);
    }

    @Override
    public String toString() {
        return "CountDeadLetters";
    }
}
