package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;

import dev.herald.proto.v1.MessageFilter;
import dev.herald.schema.generated.tables.records.MessagesRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** One page of all messages matching an admin filter, newest first, keyset-paged. */
final class SelectMessagePage implements Function<DSLContext, List<MessagesRecord>> {

    private final MessageFilter filter;
    private final Optional<UUID> before;
    private final int rows;

    SelectMessagePage(MessageFilter filter, Optional<UUID> before, int rows) {
        this.filter = filter;
        this.before = before;
        this.rows = rows;
    }

    @Override
    public List<MessagesRecord> apply(DSLContext dsl) {
        var where = MessageConditions.of(filter);
        before.ifPresent(cursor -> where.add(MESSAGES.ID.lt(cursor)));
        return dsl.selectFrom(MESSAGES).where(where).orderBy(MESSAGES.ID.desc()).limit(rows).fetch();
    }

    @Override
    public String toString() {
        return "SelectMessagePage{rows=" + rows + "}";
    }
}
