package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.TableField;

/**
 * A user's read or delete-for-me of room messages and announcements, which have no receipts:
 * {@code insert into message_marks select :user, id, :at from messages where id = any(:ids) and (room_id is not null
 * or announcement) on conflict do update ... where <stamp> is null or <stamp> > excluded}. One row per mark made, never
 * per member; a stamp keeps the earliest time, so a redelivery, or an earlier mark applied later, ends the same. Ids of direct messages are left to the receipts.
 */
final class MarkMessages implements Function<DSLContext, Integer> {

    private final String name;
    private final TableField<?, OffsetDateTime> stamp;
    private final String userId;
    private final List<UUID> messageIds;
    private final OffsetDateTime at;

    private MarkMessages(String name, TableField<?, OffsetDateTime> stamp, String userId, List<UUID> messageIds,
            OffsetDateTime at) {
        this.name = name;
        this.stamp = stamp;
        this.userId = userId;
        this.messageIds = messageIds;
        this.at = at;
    }

    /** {@code message_marks.read_at}. */
    static MarkMessages read(String userId, List<UUID> messageIds, OffsetDateTime readAt) {
        return new MarkMessages("read", MESSAGE_MARKS.READ_AT, userId, messageIds, readAt);
    }

    /** {@code message_marks.deleted_at}. */
    static MarkMessages deleted(String userId, List<UUID> messageIds, OffsetDateTime deletedAt) {
        return new MarkMessages("deleted", MESSAGE_MARKS.DELETED_AT, userId, messageIds, deletedAt);
    }

    /** Returns how many marks it made. */
    @Override
    public Integer apply(DSLContext tx) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return tx.insertInto(MESSAGE_MARKS, MESSAGE_MARKS.USER_ID, MESSAGE_MARKS.MESSAGE_ID, stamp)
                .select(select(val(userId), MESSAGES.ID, val(at)).from(MESSAGES)
                        .where(MESSAGES.ID.eq(any(messageIds.toArray(UUID[]::new))))
                        .and(MESSAGES.ROOM_ID.isNotNull().or(MESSAGES.ANNOUNCEMENT.isTrue()))
                        .orderBy(MESSAGES.ID))
                .onConflict(MESSAGE_MARKS.USER_ID, MESSAGE_MARKS.MESSAGE_ID)
                .doUpdate()
                .set(stamp, excluded(stamp))
                .where(stamp.isNull().or(stamp.gt(excluded(stamp))))
                .execute();
    }

    @Override
    public String toString() {
        return "MarkMessages." + name + "{ids=" + messageIds.size() + "}";
    }
}
