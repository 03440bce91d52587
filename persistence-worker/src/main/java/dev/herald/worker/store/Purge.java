package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static dev.herald.schema.generated.Tables.PENDING_MARKS;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.jooq.impl.DSL.any;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * {@code delete from <table> where <key> = any(:ids)}: an admin's purge, for good. There is no foreign key to
 * cascade, so the messages' receipts and marks go first ({@link #receiptsOf}, {@link #marksOf}), then the messages
 * ({@link #messages}).
 */
final class Purge implements Function<DSLContext, Integer> {

    private final String name;
    private final Table<?> table;
    private final TableField<?, UUID> key;
    private final List<UUID> messageIds;

    private Purge(String name, Table<?> table, TableField<?, UUID> key, List<UUID> messageIds) {
        this.name = name;
        this.table = table;
        this.key = key;
        this.messageIds = messageIds;
    }

    /** {@code delete from receipts where message_id = any(:ids)}. */
    static Purge receiptsOf(List<UUID> messageIds) {
        return new Purge("receiptsOf", RECEIPTS, RECEIPTS.MESSAGE_ID, messageIds);
    }

    /** {@code delete from message_marks where message_id = any(:ids)}: users' marks on room messages and announcements. */
    static Purge marksOf(List<UUID> messageIds) {
        return new Purge("marksOf", MESSAGE_MARKS, MESSAGE_MARKS.MESSAGE_ID, messageIds);
    }

    /** {@code delete from pending_marks where message_id = any(:ids)}: updates waiting for messages now purged. */
    static Purge pendingMarksOf(List<UUID> messageIds) {
        return new Purge("pendingMarksOf", PENDING_MARKS, PENDING_MARKS.MESSAGE_ID, messageIds);
    }

    /** {@code delete from messages where id = any(:ids)}, after {@link #receiptsOf} deleted their receipts. */
    static Purge messages(List<UUID> messageIds) {
        return new Purge("messages", MESSAGES, MESSAGES.ID, messageIds);
    }

    /** Returns how many rows this statement deleted. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return query(dsl).execute();
    }

    /** The statement, for {@link #apply} and to read its SQL. */
    Query query(DSLContext dsl) {
        return dsl.deleteFrom(table).where(key.eq(any(messageIds.toArray(UUID[]::new))));
    }

    @Override
    public String toString() {
        return "Purge." + name + "{ids=" + messageIds.size() + "}";
    }
}
