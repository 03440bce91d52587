package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.DEAD_LETTERS;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Dead letters after a cursor id in either order (the primary key serves both). */
final class SelectDeadLetterPage implements Function<DSLContext, List<DeadLetter>> {

    private final DeadLetterOrder order;
    private final Optional<Long> after;
    private final int rows;

    SelectDeadLetterPage(DeadLetterOrder order, Optional<Long> after, int rows) {
        this.order = order;
        this.after = after;
        this.rows = rows;
    }

    @Override
    public List<DeadLetter> apply(DSLContext dsl) {
        boolean newestFirst = order == DeadLetterOrder.NEWEST_FIRST;
        Condition afterCursor = after.map(id -> newestFirst ? DEAD_LETTERS.ID.lt(id) : DEAD_LETTERS.ID.gt(id))
                .orElse(DSL.noCondition());
        return dsl.selectFrom(DEAD_LETTERS).where(afterCursor)
                .orderBy(newestFirst ? DEAD_LETTERS.ID.desc() : DEAD_LETTERS.ID.asc())
                .limit(rows)
                .fetch(DeadLetter::of);
    }

    @Override
    public String toString() {
        return "SelectDeadLetterPage{" + order + ", rows=" + rows + "}";
    }
}
