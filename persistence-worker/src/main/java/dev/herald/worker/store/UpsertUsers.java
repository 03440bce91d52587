package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.USERS;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.least;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.when;

import dev.herald.worker.store.RowBatch.UserRow;
import java.util.List;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Creates or refreshes directory entries so that replays in any order converge: the name of the
 * latest sighting wins (at the same instant, the greater name in code point order),
 * {@code updated_at} is the latest sighting and {@code created_at} the earliest. {@code first_sequence} is the
 * smallest sequence of an event naming the user (the user's announcements start there), whichever event was stored
 * first; a row stored before it existed keeps none (every announcement is the user's). A replay that changes nothing
 * updates no row.
 */
final class UpsertUsers implements Function<DSLContext, Integer> {

    private final List<UserRow> rows;

    UpsertUsers(List<UserRow> rows) {
        this.rows = rows;
    }

    /** Returns how many users this statement created or changed. */
    @Override
    public Integer apply(DSLContext dsl) {
        if (rows.isEmpty()) {
            return 0;
        }
        Unnest<UserRow> source = new Unnest<>(rows, "u")
                .column(USERS.ID, UserRow::id)
                .column(USERS.NAME, UserRow::name)
                .column(USERS.CREATED_AT, UserRow::createdAt)
                .column(USERS.UPDATED_AT, UserRow::updatedAt)
                .column(USERS.FIRST_SEQUENCE, UserRow::firstSequence);
        Condition newer = USERS.UPDATED_AT.lt(excluded(USERS.UPDATED_AT))
                .or(USERS.UPDATED_AT.eq(excluded(USERS.UPDATED_AT))
                        .and(USERS.NAME.collate("C").lt(excluded(USERS.NAME).collate("C"))));
        return dsl.insertInto(USERS, USERS.ID, USERS.NAME, USERS.CREATED_AT, USERS.UPDATED_AT, USERS.FIRST_SEQUENCE)
                .select(select(source.field(USERS.ID), source.field(USERS.NAME), source.field(USERS.CREATED_AT),
                        source.field(USERS.UPDATED_AT), source.field(USERS.FIRST_SEQUENCE)).from(source.table()))
                .onConflict(USERS.ID)
                .doUpdate()
                .set(USERS.NAME, when(newer, excluded(USERS.NAME)).otherwise(USERS.NAME))
                .set(USERS.UPDATED_AT, greatest(USERS.UPDATED_AT, excluded(USERS.UPDATED_AT)))
                .set(USERS.CREATED_AT, least(USERS.CREATED_AT, excluded(USERS.CREATED_AT)))
                .set(USERS.FIRST_SEQUENCE, when(USERS.FIRST_SEQUENCE.isNull(), USERS.FIRST_SEQUENCE)
                        .otherwise(least(USERS.FIRST_SEQUENCE, excluded(USERS.FIRST_SEQUENCE))))
                .where(newer.or(USERS.CREATED_AT.gt(excluded(USERS.CREATED_AT)))
                        .or(USERS.FIRST_SEQUENCE.gt(excluded(USERS.FIRST_SEQUENCE))))
                .execute();
    }

    @Override
    public String toString() {
        return "UpsertUsers{rows=" + rows.size() + "}";
    }
}
