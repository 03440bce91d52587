package dev.herald.worker.store;

import dev.herald.worker.store.RowBatch.MessageRow;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code copy messages from stdin}: the fast path for a batch of messages none of which is stored
 * yet. COPY has no {@code on conflict}, so a stored id or (sender, client id) fails it with a
 * unique violation (SQLSTATE 23505) and the caller falls back to {@link InsertMessages}.
 */
final class CopyMessages implements Function<DSLContext, Integer> {

    private final List<MessageRow> rows;

    CopyMessages(List<MessageRow> rows) {
        this.rows = rows;
    }

    /** Whether every value can travel by COPY (see {@link CopyText#canCarry}). */
    static boolean canCarry(List<MessageRow> rows) {
        for (MessageRow m : rows) {
            if (!CopyText.canCarry(m.senderId()) || !CopyText.canCarry(m.senderName())
                    || !CopyText.canCarry(m.title()) || !CopyText.canCarry(m.body())
                    || !CopyText.canCarry(m.type()) || !CopyText.canCarry(m.clientId())) {
                return false;
            }
        }
        return true;
    }

    /** Returns how many messages it stored: all of them, or it throws. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (rows.isEmpty()) {
            return 0;
        }
        return (int) CopyIn.copy(dsl, "messages",
                "id, sender_id, sender_name, title, body, type, client_id, created_at, stream_sequence, room_id, announcement",
                text());
    }

    /** The rows as COPY text, in the column order of {@link #apply}. */
    CopyText text() {
        CopyText text = new CopyText(rows.size());
        for (MessageRow m : rows) {
            text.field(m.id()).field(m.senderId()).field(m.senderName()).field(m.title()).field(m.body())
                    .field(m.type()).field(m.clientId()).field(m.createdAt()).field(m.streamSequence())
                    .field(m.roomId() == null ? null : m.roomId().toString()).field(m.announcement()).endRow();
        }
        return text;
    }

    @Override
    public String toString() {
        return "CopyMessages{rows=" + rows.size() + "}";
    }
}
