package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.select;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * {@code update <table> set <stamp> = :at where <rows> and (<stamp> is null or <stamp> > :at)}: the update events'
 * one statement. A row keeps the earliest time it was stamped with, whatever order the events are applied in (several
 * workers commit out of stream order), so an event applied twice, or after a later one, changes nothing more. Each kind of stamp has its
 * factory, which also says whose rows an event may change.
 */
final class StampOnce implements Function<DSLContext, Integer> {

    private final String name;
    private final Table<?> table;
    private final TableField<?, OffsetDateTime> stamp;
    private final Condition rows;
    private final OffsetDateTime at;
    private final int ids;

    private StampOnce(String name, Table<?> table, TableField<?, OffsetDateTime> stamp, Condition rows,
            OffsetDateTime at, List<UUID> messageIds) {
        this.name = name;
        this.table = table;
        this.stamp = stamp;
        this.rows = rows;
        this.at = at;
        this.ids = messageIds.size();
    }

    /** {@code receipts.read_at} of the receiver's receipts of these messages. */
    static StampOnce receiptsRead(String receiverId, List<UUID> messageIds, OffsetDateTime readAt) {
        return new StampOnce("receiptsRead", RECEIPTS, RECEIPTS.READ_AT,
                receivedBy(receiverId, messageIds), readAt, messageIds);
    }

    /** {@code receipts.deleted_at} of the receiver's receipts of these messages. */
    static StampOnce receiptsDeleted(String receiverId, List<UUID> messageIds, OffsetDateTime deletedAt) {
        return new StampOnce("receiptsDeleted", RECEIPTS, RECEIPTS.DELETED_AT,
                receivedBy(receiverId, messageIds), deletedAt, messageIds);
    }

    /** {@code messages.sender_deleted_at} of these messages, if the sender sent them; receivers keep them. */
    static StampOnce sentDeleted(String senderId, List<UUID> messageIds, OffsetDateTime deletedAt) {
        return new StampOnce("sentDeleted", MESSAGES, MESSAGES.SENDER_DELETED_AT,
                sentBy(senderId, messageIds), deletedAt, messageIds);
    }

    /** {@code messages.recalled_at} of these messages, if the sender sent them. */
    static StampOnce recalled(String senderId, List<UUID> messageIds, OffsetDateTime recalledAt) {
        return new StampOnce("recalled", MESSAGES, MESSAGES.RECALLED_AT,
                sentBy(senderId, messageIds), recalledAt, messageIds);
    }

    /**
     * {@code receipts.deleted_at} of every receiver's receipt of these messages, if the sender sent them: a recall
     * naming someone else's message changes nothing.
     */
    static StampOnce recalledReceiptsDeleted(String senderId, List<UUID> messageIds, OffsetDateTime recalledAt) {
        return new StampOnce("recalledReceiptsDeleted", RECEIPTS, RECEIPTS.DELETED_AT,
                RECEIPTS.MESSAGE_ID.in(select(MESSAGES.ID).from(MESSAGES).where(sentBy(senderId, messageIds))),
                recalledAt, messageIds);
    }

    /** Returns how many rows this statement stamped. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (ids == 0) {
            return 0;
        }
        return query(dsl).execute();
    }

    /** The statement, for {@link #apply} and to read its SQL. */
    Query query(DSLContext dsl) {
        return dsl.update(table).set(stamp, at).where(rows).and(stamp.isNull().or(stamp.gt(at)));
    }

    @Override
    public String toString() {
        return "StampOnce." + name + "{ids=" + ids + "}";
    }

    private static Condition receivedBy(String receiverId, List<UUID> messageIds) {
        return RECEIPTS.RECEIVER_ID.eq(receiverId).and(anyOf(RECEIPTS.MESSAGE_ID, messageIds));
    }

    private static Condition sentBy(String senderId, List<UUID> messageIds) {
        return MESSAGES.SENDER_ID.eq(senderId).and(anyOf(MESSAGES.ID, messageIds));
    }

    /** {@code <key> = any(:ids)}, the ids bound as one {@code uuid[]}. */
    private static Condition anyOf(TableField<?, UUID> key, List<UUID> messageIds) {
        return key.eq(any(messageIds.toArray(UUID[]::new)));
    }
}
