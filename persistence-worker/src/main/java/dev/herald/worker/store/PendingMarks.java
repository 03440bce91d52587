package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.PENDING_MARKS;
import static dev.herald.schema.generated.Tables.PURGED_MESSAGES;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.least;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.val;

import dev.herald.worker.decode.Event;
import dev.herald.worker.store.RowBatch.SequencedUpdate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Updates that name a message not stored yet ({@code pending_marks}). With several workers an update can commit
 * before the insert of its message (another worker still holds the batch, or it is redelivered later); the update
 * then leaves a pending mark per absent id ({@link #record}), and the batch that stores the message applies the
 * marks as the update would have ({@link #takeStored}). A purged id gets none: it is never stored again.
 *
 * <p>Two such transactions at the same moment do not see each other's rows; a mark left then is applied by the next
 * batch that stores messages, on any worker, which takes every mark whose message is stored by then.
 */
final class PendingMarks {

    /** What a mark does once its message is stored; the column value is the kind's name in lower case. */
    enum Kind {
        READ, DELETED, SENT_DELETED, RECALLED, ROOM_READ;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String column) {
            return valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    private PendingMarks() {}

    /**
     * {@code insert into pending_marks select ... from unnest(:ids) where <not stored> and <not purged> on conflict
     * do update set at = least(...)}: leaves a mark for each id with no message row; the earliest time is kept, as
     * the update itself keeps it.
     */
    static void record(DSLContext tx, Kind kind, String userId, List<UUID> messageIds, @Nullable OffsetDateTime at,
            @Nullable UUID roomId, long sequence) {
        if (messageIds.isEmpty()) {
            return;
        }
        Table<?> ids = DSL.unnest(messageIds.stream().sorted().toArray(UUID[]::new)).as("ids", "id");
        Field<UUID> id = ids.field("id", UUID.class);
        tx.insertInto(PENDING_MARKS, PENDING_MARKS.MESSAGE_ID, PENDING_MARKS.USER_ID, PENDING_MARKS.KIND,
                        PENDING_MARKS.AT, PENDING_MARKS.ROOM_ID, PENDING_MARKS.STREAM_SEQUENCE)
                .select(DSL.select(id, val(userId), val(kind.column()), val(at, SQLDataType.TIMESTAMPWITHTIMEZONE),
                                val(roomId, SQLDataType.UUID), val(sequence))
                        .from(ids)
                        .where(notExists(selectOne().from(MESSAGES).where(MESSAGES.ID.eq(id))))
                        .and(notExists(selectOne().from(PURGED_MESSAGES).where(PURGED_MESSAGES.ID.eq(id)))))
                .onConflict(PENDING_MARKS.MESSAGE_ID, PENDING_MARKS.USER_ID, PENDING_MARKS.KIND)
                .doUpdate()
                .set(PENDING_MARKS.AT, least(PENDING_MARKS.AT, excluded(PENDING_MARKS.AT)))
                .set(PENDING_MARKS.STREAM_SEQUENCE, least(PENDING_MARKS.STREAM_SEQUENCE,
                        excluded(PENDING_MARKS.STREAM_SEQUENCE)))
                .execute();
    }

    /**
     * {@code delete from pending_marks where <message stored> or <message purged> returning *, <purged>}: the marks
     * whose message is stored now, as the updates to apply, in stream order; marks of purged messages are dropped.
     * Deleting and reading in one statement (one round trip per batch), so a mark committed meanwhile by another
     * worker is either taken here or left for the next batch.
     */
    static List<SequencedUpdate> takeStored(DSLContext tx) {
        Field<Boolean> purged = DSL.field(exists(selectOne().from(PURGED_MESSAGES)
                .where(PURGED_MESSAGES.ID.eq(PENDING_MARKS.MESSAGE_ID)))).as("purged");
        return tx.deleteFrom(PENDING_MARKS)
                .where(exists(selectOne().from(MESSAGES).where(MESSAGES.ID.eq(PENDING_MARKS.MESSAGE_ID)))
                        .or(exists(selectOne().from(PURGED_MESSAGES)
                                .where(PURGED_MESSAGES.ID.eq(PENDING_MARKS.MESSAGE_ID)))))
                .returningResult(PENDING_MARKS.MESSAGE_ID, PENDING_MARKS.USER_ID, PENDING_MARKS.KIND,
                        PENDING_MARKS.AT, PENDING_MARKS.ROOM_ID, PENDING_MARKS.STREAM_SEQUENCE, purged)
                .fetch()
                .stream()
                .filter(mark -> !mark.get(purged))
                .map(PendingMarks::update)
                .sorted(Comparator.comparingLong(SequencedUpdate::streamSequence))
                .toList();
    }

    private static SequencedUpdate update(Record mark) {
        UUID id = mark.get(PENDING_MARKS.MESSAGE_ID);
        String user = mark.get(PENDING_MARKS.USER_ID);
        OffsetDateTime at = mark.get(PENDING_MARKS.AT);
        long sequence = mark.get(PENDING_MARKS.STREAM_SEQUENCE);
        Event.Update update = switch (Kind.of(mark.get(PENDING_MARKS.KIND))) {
            case READ -> new Event.ReadReceipts(user, List.of(id), at);
            case DELETED -> new Event.DeletedReceipts(user, List.of(id), at);
            case SENT_DELETED -> new Event.DeletedSentMessages(user, List.of(id), at);
            case RECALLED -> new Event.RecalledMessages(user, List.of(id), at);
            case ROOM_READ -> new Event.RoomRead(mark.get(PENDING_MARKS.ROOM_ID), user, id);
        };
        return new SequencedUpdate(sequence, update);
    }
}
