package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.ROOMS;

import dev.herald.schema.generated.tables.records.RoomsRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Rooms not deleted, by name in byte order then id, whose name starts with a prefix, after a cursor. The name is
 * compared under the "C" collation, as rooms_public_name_idx and rooms_name_idx hold it, so the prefix is an index
 * range and the keyset continues on the index.
 */
final class SelectRoomsByName implements Function<DSLContext, List<RoomsRecord>> {

    private static final Field<String> NAME_C = DSL.field("({0} collate \"C\")", SQLDataType.CLOB, ROOMS.NAME);

    private final boolean publicOnly;
    private final String namePrefix;
    private final Optional<NameCursor> after;
    private final int rows;

    SelectRoomsByName(boolean publicOnly, String namePrefix, Optional<NameCursor> after, int rows) {
        this.publicOnly = publicOnly;
        this.namePrefix = namePrefix;
        this.after = after;
        this.rows = rows;
    }

    @Override
    public List<RoomsRecord> apply(DSLContext dsl) {
        return query(dsl).fetch();
    }

    /** The query, as run (tests read its plan). */
    Select<RoomsRecord> query(DSLContext dsl) {
        Condition rooms = ROOMS.DELETED_AT.isNull().and(publicOnly ? ROOMS.PUBLIC.isTrue() : DSL.noCondition());
        if (!namePrefix.isEmpty()) {
            rooms = rooms.and(NAME_C.like(escaped(namePrefix) + "%", '\\'));
        }
        if (after.isPresent()) {
            rooms = rooms.and(DSL.row(NAME_C, ROOMS.ID).gt(after.get().name(), after.get().roomId()));
        }
        return dsl.selectFrom(ROOMS).where(rooms).orderBy(NAME_C, ROOMS.ID).limit(rows);
    }

    /** The prefix taken literally: LIKE's wildcards and escape character escaped. */
    private static String escaped(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public String toString() {
        return "SelectRoomsByName{publicOnly=" + publicOnly + ", after=" + after.isPresent() + ", rows=" + rows + "}";
    }
}
