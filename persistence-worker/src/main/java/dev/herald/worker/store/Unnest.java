package dev.herald.worker.store;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Rows bound as one array per column and read back as a table:
 * {@code unnest(?::uuid[], ?::varchar[], ...) as alias(id, sender_id, ...)}. A batch of any size
 * costs one bind value per column, so statements stay small and far below PostgreSQL's limit of
 * 65,535 bind values (a multi-row {@code values} list needs one per cell).
 *
 * @param <R> the row type
 */
final class Unnest<R> {

    private final List<R> rows;
    private final String alias;
    private final List<QueryPart> arrays = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();

    Unnest(List<R> rows, String alias) {
        this.rows = rows;
        this.alias = alias;
    }

    /** Adds the column that fills {@code target}, read from each row with {@code getter}. */
    <T> Unnest<R> column(TableField<?, T> target, Function<R, T> getter) {
        @SuppressWarnings("unchecked")
        T[] values = (T[]) Array.newInstance(target.getType(), rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = getter.apply(rows.get(i));
        }
        arrays.add(val(values, arrayType(target)));
        columns.add(target.getName());
        return this;
    }

    /**
     * Strings travel as {@code text[]}: an explicit cast to {@code varchar(255)[]} would silently
     * truncate longer values, while the insert's own assignment rejects them (SQLSTATE 22001).
     */
    @SuppressWarnings("unchecked")
    private static <T> DataType<T[]> arrayType(TableField<?, T> target) {
        if (target.getType() == String.class) {
            return (DataType<T[]>) (DataType<?>) SQLDataType.CLOB.array();
        }
        return target.getDataType().array();
    }

    /** The source column that fills {@code target}, for the {@code select} list. */
    <T> Field<T> field(TableField<?, T> target) {
        return DSL.field(name(alias, target.getName()), target.getType());
    }

    /** {@code unnest(...) as alias(columns...)}. */
    Table<?> table() {
        StringBuilder template = new StringBuilder("unnest(");
        for (int i = 0; i < arrays.size(); i++) {
            template.append(i == 0 ? "{" : ", {").append(i).append('}');
        }
        template.append(')');
        return DSL.table(template.toString(), arrays.toArray(QueryPart[]::new))
                .as(alias, columns.toArray(String[]::new));
    }
}
