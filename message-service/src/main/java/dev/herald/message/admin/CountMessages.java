package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static org.jooq.impl.DSL.count;

import dev.herald.message.error.HeraldException;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;

/**
 * How many messages match an admin filter. With a text, at most {@link TextScan#maxMessages()} messages selected by the
 * other filters are checked; a count that would need more is refused with what to narrow.
 */
final class CountMessages implements Function<DSLContext, Long> {

    private final MessageCriteria criteria;
    private final TextScan scan;

    CountMessages(MessageCriteria criteria, TextScan scan) {
        this.criteria = criteria;
        this.scan = scan;
    }

    @Override
    public Long apply(DSLContext dsl) {
        var where = MessageConditions.indexed(criteria);
        if (criteria.text().isEmpty()) {
            return (long) dsl.fetchCount(MESSAGES, where);
        }
        // One candidate past the bound tells that the count would be over more than the bound.
        Table<?> scanned = dsl.select(MESSAGES.TITLE, MESSAGES.BODY).from(MESSAGES).where(where)
                .limit(scan.maxMessages() + 1).asTable("scanned");
        Condition text = MessageConditions.text(criteria, scanned.field(MESSAGES.TITLE), scanned.field(MESSAGES.BODY))
                .orElseThrow();
        var counts = dsl.select(count().filterWhere(text), count()).from(scanned).fetchSingle();
        if (counts.value2() > scan.maxMessages()) {
            throw new HeraldException.InvalidArgument("filter.text", "a text filter checks at most "
                    + scan.maxMessages() + " messages and more match the other filters: narrow them (since, until,"
                    + " sender_id, receiver_id or type) to count");
        }
        return (long) counts.value1();
    }

    @Override
    public String toString() {
        return "CountMessages";
    }
}
