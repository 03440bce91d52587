package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.ROOMS;
import static org.jooq.impl.DSL.val;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jspecify.annotations.Nullable;

/**
 * {@code update rooms set name = coalesce(:name, name), topic = coalesce(:topic, topic), updated_at = :at where ...
 * updated_at <= :at}: a rename or a new topic. An update older than the room's {@code updated_at} is not applied, so
 * a redelivered rename cannot undo a later one; applying the same update twice changes no row.
 */
final class UpdateRoom implements Function<DSLContext, Integer> {

    private final UUID roomId;
    private final @Nullable String name;
    private final @Nullable String topic;
    private final OffsetDateTime updatedAt;

    UpdateRoom(UUID roomId, @Nullable String name, @Nullable String topic, OffsetDateTime updatedAt) {
        this.roomId = roomId;
        this.name = name;
        this.topic = topic;
        this.updatedAt = updatedAt;
    }

    /** Returns how many rooms it changed: 0 or 1. */
    @Override
    public Integer apply(DSLContext tx) {
        return query(tx).execute();
    }

    /** The statement, for {@link #apply} and to read its SQL. */
    Query query(DSLContext tx) {
        Field<String> newName = name == null ? ROOMS.NAME : val(name);
        Field<String> newTopic = topic == null ? ROOMS.TOPIC : val(topic);
        return tx.update(ROOMS)
                .set(ROOMS.NAME, newName)
                .set(ROOMS.TOPIC, newTopic)
                .set(ROOMS.UPDATED_AT, updatedAt)
                .where(ROOMS.ID.eq(roomId), ROOMS.DELETED_AT.isNull(), ROOMS.UPDATED_AT.le(updatedAt))
                .and(ROOMS.UPDATED_AT.lt(updatedAt).or(ROOMS.NAME.isDistinctFrom(newName))
                        .or(ROOMS.TOPIC.isDistinctFrom(newTopic)));
    }

    @Override
    public String toString() {
        return "UpdateRoom{roomId=" + roomId + "}";
    }
}
