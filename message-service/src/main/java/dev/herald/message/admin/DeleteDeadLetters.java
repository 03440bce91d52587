package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.DEAD_LETTERS;

import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;

/** Deletes dead letters by id; returns how many were there. */
final class DeleteDeadLetters implements Function<DSLContext, Integer> {

    private final List<Long> ids;

    DeleteDeadLetters(List<Long> ids) {
        this.ids = ids;
    }

    @Override
    public Integer apply(DSLContext dsl) {
        return dsl.deleteFrom(DEAD_LETTERS).where(DEAD_LETTERS.ID.in(ids)).execute();
    }

    @Override
    public String toString() {
        return "DeleteDeadLetters{ids=" + ids.size() + "}";
    }
}
