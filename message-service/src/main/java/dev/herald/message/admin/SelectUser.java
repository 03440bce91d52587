package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.USERS;

import dev.herald.message.model.DirectoryUser;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;

/** One directory user by id (primary key). */
final class SelectUser implements Function<DSLContext, Optional<DirectoryUser>> {

    private final String userId;

    SelectUser(String userId) {
        this.userId = userId;
    }

    @Override
    public Optional<DirectoryUser> apply(DSLContext dsl) {
        return dsl.select(USERS.ID, USERS.NAME).from(USERS).where(USERS.ID.eq(userId))
                .fetchOptional(r -> new DirectoryUser(r.value1(), r.value2()));
    }

    @Override
    public String toString() {
        return "SelectUser{" + userId + "}";
    }
}
