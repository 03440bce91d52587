package dev.herald.message.inbox;

import java.math.BigDecimal;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record3;

/**
 * The unread count of the {@code online} ack and the {@code unread} event in one statement: the direct messages
 * ({@link CountUnread}), each room's capped count ({@link CountRoomsUnread}) and the announcements' capped count
 * ({@link CountUnreadAnnouncements}) as three scalar subqueries, so a sign-in pays one round trip to PostgreSQL,
 * not three.
 */
final class CountAllUnread implements Function<DSLContext, Long> {

    private final String userId;

    CountAllUnread(String userId) {
        this.userId = userId;
    }

    @Override
    public Long apply(DSLContext dsl) {
        Record3<Integer, BigDecimal, Integer> counts = dsl.select(new CountUnread(userId).field(),
                new CountRoomsUnread(userId).field(), new CountUnreadAnnouncements(userId).field()).fetchSingle();
        return counts.value1().longValue() + counts.value2().longValue() + counts.value3().longValue();
    }

    @Override
    public String toString() {
        return "CountAllUnread{user=" + userId + "}";
    }
}
