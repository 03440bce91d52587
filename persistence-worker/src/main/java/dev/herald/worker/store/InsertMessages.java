package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static org.jooq.impl.DSL.select;

import dev.herald.worker.store.RowBatch.MessageRow;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code insert into messages select * from unnest(...) on conflict do nothing returning id}: a
 * message whose id, or whose (sender, client id), is already stored is skipped and not returned.
 */
final class InsertMessages implements Function<DSLContext, Set<UUID>> {

    private final List<MessageRow> rows;

    InsertMessages(List<MessageRow> rows) {
        this.rows = rows;
    }

    /** Returns the ids of the messages this statement created. */
    @Override
    public Set<UUID> apply(DSLContext dsl) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Unnest<MessageRow> source = new Unnest<>(rows, "m")
                .column(MESSAGES.ID, MessageRow::id)
                .column(MESSAGES.SENDER_ID, MessageRow::senderId)
                .column(MESSAGES.SENDER_NAME, MessageRow::senderName)
                .column(MESSAGES.TITLE, MessageRow::title)
                .column(MESSAGES.BODY, MessageRow::body)
                .column(MESSAGES.TYPE, MessageRow::type)
                .column(MESSAGES.CLIENT_ID, MessageRow::clientId)
                .column(MESSAGES.CREATED_AT, MessageRow::createdAt)
                .column(MESSAGES.STREAM_SEQUENCE, MessageRow::streamSequence)
                .column(MESSAGES.ROOM_ID, MessageRow::roomId)
                .column(MESSAGES.ANNOUNCEMENT, MessageRow::announcement);
        return dsl.insertInto(MESSAGES, MESSAGES.ID, MESSAGES.SENDER_ID, MESSAGES.SENDER_NAME, MESSAGES.TITLE,
                        MESSAGES.BODY, MESSAGES.TYPE, MESSAGES.CLIENT_ID, MESSAGES.CREATED_AT, MESSAGES.STREAM_SEQUENCE,
                        MESSAGES.ROOM_ID, MESSAGES.ANNOUNCEMENT)
                .select(select(source.field(MESSAGES.ID), source.field(MESSAGES.SENDER_ID),
                        source.field(MESSAGES.SENDER_NAME), source.field(MESSAGES.TITLE), source.field(MESSAGES.BODY),
                        source.field(MESSAGES.TYPE), source.field(MESSAGES.CLIENT_ID),
                        source.field(MESSAGES.CREATED_AT), source.field(MESSAGES.STREAM_SEQUENCE),
                        source.field(MESSAGES.ROOM_ID), source.field(MESSAGES.ANNOUNCEMENT))
                        .from(source.table()))
                .onConflictDoNothing()
                .returningResult(MESSAGES.ID)
                .fetchSet(MESSAGES.ID);
    }

    @Override
    public String toString() {
        return "InsertMessages{rows=" + rows.size() + "}";
    }
}
