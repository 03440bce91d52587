package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;

import dev.herald.message.page.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The SQL of {@link MessageCriteria}, shared by the queries that search all messages ({@link SelectMessagePage},
 * {@link CountMessages}). Sender, receiver, type and time range are served by indexes (see docs/operations.md); the
 * text has none (its trigram indexes halved the write path's rate), so it is checked on the rows the others select,
 * and only on a bounded number of them ({@link TextScan}).
 */
final class MessageConditions {

    private MessageConditions() {}

    /** Every condition but the text's. */
    static List<Condition> indexed(MessageCriteria criteria) {
        List<Condition> where = new ArrayList<>();
        criteria.senderId().ifPresent(sender -> where.add(MESSAGES.SENDER_ID.eq(sender)));
        criteria.receiverId().ifPresent(receiver -> where.add(MESSAGES.ID.in(
                DSL.select(RECEIPTS.MESSAGE_ID).from(RECEIPTS).where(RECEIPTS.RECEIVER_ID.eq(receiver)))));
        criteria.type().ifPresent(type -> where.add(MESSAGES.TYPE.eq(type)));
        criteria.since().ifPresent(since -> where.add(MESSAGES.ID.ge(PageRequest.idBound(since))));
        criteria.until().ifPresent(until -> where.add(MESSAGES.ID.lt(PageRequest.idBound(until))));
        return where;
    }

    /** The text's condition on these columns (of {@code messages} or of a derived table), if the criteria have one. */
    static Optional<Condition> text(MessageCriteria criteria, Field<String> title, Field<String> body) {
        return criteria.text().map(text -> {
            String pattern = "%" + escapeLike(text) + "%";
            return body.likeIgnoreCase(pattern, '!').or(title.likeIgnoreCase(pattern, '!'));
        });
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
