package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;

import dev.herald.schema.generated.tables.MessageMarks;
import dev.herald.schema.generated.tables.Messages;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * One page of the room messages a user sees, in publish order after a cursor: per membership window of the user, an
 * index range scan of {@code messages_room_idx} limited to the page (a lateral subquery), so a room's size never
 * matters, only the user's rooms and the page. At or below the persistence ack floor, as {@link SelectSyncPage}.
 * (Measured: a 200,000-message room pages by an ordered index scan of 101 rows. With many small rooms and the default
 * {@code random_page_cost} of 4, PostgreSQL may read each room's range after the cursor by a bitmap scan and sort
 * instead, which SSD costs, {@code random_page_cost} about 1.1, avoid.)
 */
final class SelectRoomSyncPage implements Function<DSLContext, List<SelectSyncPage.SyncRow>> {

    private final String userId;
    private final Optional<SyncCursor> after;
    private final long storedFloor;
    private final int rows;

    SelectRoomSyncPage(String userId, Optional<SyncCursor> after, long storedFloor, int rows) {
        this.userId = userId;
        this.after = after;
        this.storedFloor = storedFloor;
        this.rows = rows;
    }

    @Override
    public List<SelectSyncPage.SyncRow> apply(DSLContext dsl) {
        Messages m = MESSAGES.as("room_message");
        MessageMarks deleted = MESSAGE_MARKS.as("deleted_mark");
        List<Condition> where = new ArrayList<>();
        where.add(m.ROOM_ID.eq(ROOM_MEMBERS.ROOM_ID));
        where.add(m.STREAM_SEQUENCE.gt(ROOM_MEMBERS.JOINED_SEQUENCE));
        where.add(ROOM_MEMBERS.LEFT_SEQUENCE.isNull().or(m.STREAM_SEQUENCE.lt(ROOM_MEMBERS.LEFT_SEQUENCE)));
        where.add(m.STREAM_SEQUENCE.le(storedFloor));
        after.ifPresent(c -> where.add(DSL.row(m.STREAM_SEQUENCE, m.ID).gt(c.streamSequence(), c.messageId())));
        where.add(m.RECALLED_AT.isNull());
        where.add(m.SENDER_ID.ne(userId));
        where.add(DSL.notExists(DSL.selectOne().from(deleted).where(deleted.USER_ID.eq(userId),
                deleted.MESSAGE_ID.eq(m.ID), deleted.DELETED_AT.isNotNull())));
        // The whole row in the lateral page: no second lookup of each candidate by primary key.
        Table<?> window = DSL.lateral(DSL.select(m.fields()).from(m).where(where)
                .orderBy(m.STREAM_SEQUENCE, m.ID).limit(rows)).as("window");
        Field<Long> sequence = window.field(m.STREAM_SEQUENCE);
        Field<UUID> id = window.field(m.ID);
        Field<OffsetDateTime> readAt = DSL.when(sequence.le(ROOM_MEMBERS.READ_SEQUENCE),
                window.field(m.CREATED_AT)).as("read_at");
        return dsl.select(window.fields()).select(readAt)
                .from(ROOM_MEMBERS).crossJoin(window)
                .where(ROOM_MEMBERS.USER_ID.eq(userId))
                .orderBy(sequence, id)
                .limit(rows)
                .fetch(r -> new SelectSyncPage.SyncRow(new InboxRow(r.into(MESSAGES), r.get(readAt)),
                        new SyncCursor(r.get(sequence), r.get(id))));
    }

    @Override
    public String toString() {
        return "SelectRoomSyncPage{user=" + userId + ", storedFloor=" + storedFloor + ", rows=" + rows + "}";
    }
}
