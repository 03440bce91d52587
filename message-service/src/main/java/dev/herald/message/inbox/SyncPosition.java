package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.RECEIPTS;

import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A receipt's position in its receiver's sync: {@code coalesce(stream_sequence, 0)}, exactly as the index
 * {@code receipts_sync_idx} (V6) spells it; the 0 is inlined, since a bind parameter would not match the index.
 */
final class SyncPosition {

    static final Field<Long> SEQUENCE = DSL.coalesce(RECEIPTS.STREAM_SEQUENCE, DSL.inline(0L));

    private SyncPosition() {}
}
