package dev.herald.message.presence;

import static dev.herald.schema.generated.Tables.USERS;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;

/** When each of the given users' last socket closed, as stored; users never seen offline are left out. */
final class SelectLastSeen implements Function<DSLContext, Map<String, Instant>> {

    private final Collection<String> userIds;

    SelectLastSeen(Collection<String> userIds) {
        this.userIds = userIds;
    }

    @Override
    public Map<String, Instant> apply(DSLContext dsl) {
        return dsl.select(USERS.ID, USERS.LAST_SEEN_AT).from(USERS)
                .where(USERS.ID.in(userIds), USERS.LAST_SEEN_AT.isNotNull())
                .fetchMap(r -> r.value1(), r -> r.value2().toInstant());
    }

    @Override
    public String toString() {
        return "SelectLastSeen{" + userIds.size() + " ids}";
    }
}
