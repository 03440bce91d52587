package dev.herald.message.presence;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * For each given user, the users it exchanged a direct message with since {@code since} (either way): pairs of
 * (user, correspondent), at most {@code limit} of them. Message ids are UUIDv7, so "since" is an id range on the
 * indexes by sender and by receiver.
 */
final class SelectDirectAudiences implements Function<DSLContext, List<AudiencePair>> {

    private static final long UUID_V7_VERSION = 0x7000L;

    private final Collection<String> userIds;
    private final Instant since;
    private final int limit;

    SelectDirectAudiences(Collection<String> userIds, Instant since, int limit) {
        this.userIds = userIds;
        this.since = since;
        this.limit = limit;
    }

    @Override
    public List<AudiencePair> apply(DSLContext dsl) {
        UUID firstId = new UUID((since.toEpochMilli() << 16) | UUID_V7_VERSION, 0L);
        var sent = dsl.select(MESSAGES.SENDER_ID, RECEIPTS.RECEIVER_ID)
                .from(MESSAGES).join(RECEIPTS).on(RECEIPTS.MESSAGE_ID.eq(MESSAGES.ID))
                .where(MESSAGES.SENDER_ID.in(userIds), MESSAGES.ID.ge(firstId),
                        RECEIPTS.RECEIVER_ID.ne(MESSAGES.SENDER_ID));
        var received = dsl.select(RECEIPTS.RECEIVER_ID, MESSAGES.SENDER_ID)
                .from(RECEIPTS).join(MESSAGES).on(MESSAGES.ID.eq(RECEIPTS.MESSAGE_ID))
                .where(RECEIPTS.RECEIVER_ID.in(userIds), RECEIPTS.MESSAGE_ID.ge(firstId),
                        MESSAGES.SENDER_ID.ne(RECEIPTS.RECEIVER_ID));
        return dsl.selectFrom(sent.union(received).asTable("exchanged")).limit(limit)
                .fetch(r -> new AudiencePair(r.get(0, String.class), r.get(1, String.class)));
    }

    @Override
    public String toString() {
        return "SelectDirectAudiences{" + userIds.size() + " users, since " + since + "}";
    }
}
