package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.ROOMS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * {@code update rooms set last_message_sequence = l.seq from unnest(...) l where rooms.id = l.id and
 * last_message_sequence < l.seq}: each room's latest message, for "my rooms" ordering. Only ever moves forward, so
 * redeliveries and any order of batches end the same; one statement per batch however many rooms. A deleted room's
 * moves too (its messages are dropped or purged), so its row does not depend on whether a message came before or
 * after the deletion was applied.
 */
final class AdvanceLastMessage implements Function<DSLContext, Integer> {

    private record Latest(UUID roomId, long sequence) {}

    private final List<Latest> rows = new ArrayList<>();

    /** {@code latest}: each room's greatest message sequence in the batch. */
    AdvanceLastMessage(Map<UUID, Long> latest) {
        latest.forEach((room, sequence) -> rows.add(new Latest(room, sequence)));
        rows.sort((a, b) -> a.roomId().compareTo(b.roomId()));
    }

    /** Returns how many rooms it changed. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (rows.isEmpty()) {
            return 0;
        }
        Unnest<Latest> source = new Unnest<>(rows, "l")
                .column(ROOMS.ID, Latest::roomId)
                .column(ROOMS.LAST_MESSAGE_SEQUENCE, Latest::sequence);
        return dsl.update(ROOMS)
                .set(ROOMS.LAST_MESSAGE_SEQUENCE, source.field(ROOMS.LAST_MESSAGE_SEQUENCE))
                .from(source.table())
                .where(ROOMS.ID.eq(source.field(ROOMS.ID)))
                .and(ROOMS.LAST_MESSAGE_SEQUENCE.lt(source.field(ROOMS.LAST_MESSAGE_SEQUENCE)))
                .execute();
    }

    @Override
    public String toString() {
        return "AdvanceLastMessage{rooms=" + rows.size() + "}";
    }
}
