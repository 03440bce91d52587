package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.USERS;

import dev.herald.message.model.DirectoryUser;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;

/** Directory users ordered by id after a cursor (the primary key serves it). */
final class SelectUsers implements Function<DSLContext, List<DirectoryUser>> {

    private final String after;
    private final int rows;

    SelectUsers(String after, int rows) {
        this.after = after;
        this.rows = rows;
    }

    @Override
    public List<DirectoryUser> apply(DSLContext dsl) {
        return dsl.select(USERS.ID, USERS.NAME).from(USERS)
                .where(after.isEmpty() ? USERS.ID.isNotNull() : USERS.ID.gt(after))
                .orderBy(USERS.ID).limit(rows)
                .fetch(r -> new DirectoryUser(r.value1(), r.value2()));
    }

    @Override
    public String toString() {
        return "SelectUsers{rows=" + rows + "}";
    }
}
