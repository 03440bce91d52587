package dev.herald.message.directory;

import static dev.herald.schema.generated.Tables.USERS;

import java.util.Collection;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;

/** Which of the given user ids are in the directory. */
final class SelectKnownUserIds implements Function<DSLContext, Set<String>> {

    private final Collection<String> userIds;

    SelectKnownUserIds(Collection<String> userIds) {
        this.userIds = userIds;
    }

    @Override
    public Set<String> apply(DSLContext dsl) {
        return dsl.select(USERS.ID).from(USERS).where(USERS.ID.in(userIds)).fetchSet(USERS.ID);
    }

    @Override
    public String toString() {
        return "SelectKnownUserIds{" + userIds.size() + " ids}";
    }
}
