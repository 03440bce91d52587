package dev.herald.message.directory;

import static dev.herald.schema.generated.Tables.USERS;

import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;

/** The display name the directory stores for a user (primary key), or empty when it holds no such user. */
final class SelectStoredName implements Function<DSLContext, Optional<String>> {

    private final String userId;

    SelectStoredName(String userId) {
        this.userId = userId;
    }

    @Override
    public Optional<String> apply(DSLContext dsl) {
        return dsl.select(USERS.NAME).from(USERS).where(USERS.ID.eq(userId)).fetchOptional(USERS.NAME);
    }

    @Override
    public String toString() {
        return "SelectStoredName{" + userId + "}";
    }
}
