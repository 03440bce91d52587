package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;

import dev.herald.schema.generated.tables.records.MessagesRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** One page of all messages matching an admin's criteria, newest first, keyset-paged. */
final class SelectMessagePage implements Function<DSLContext, List<MessagesRecord>> {

    private final MessageCriteria criteria;
    private final Optional<UUID> before;
    private final int rows;

    SelectMessagePage(MessageCriteria criteria, Optional<UUID> before, int rows) {
        this.criteria = criteria;
        this.before = before;
        this.rows = rows;
    }

    @Override
    public List<MessagesRecord> apply(DSLContext dsl) {
        var where = MessageConditions.of(criteria);
        before.ifPresent(cursor -> where.add(MESSAGES.ID.lt(cursor)));
        return dsl.selectFrom(MESSAGES).where(where).orderBy(MESSAGES.ID.desc()).limit(rows).fetch();
    }

    @Override
    public String toString() {
        return "SelectMessagePage{rows=" + rows + "}";
    }
}
