package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;

import dev.herald.message.page.PageRequest;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The SQL of {@link MessageCriteria}, shared by the two queries that search all messages ({@link SelectMessagePage},
 * {@link CountMessages}); each condition is served by an index (see docs/operations.md).
 */
final class MessageConditions {

    private MessageConditions() {}

    static List<Condition> of(MessageCriteria criteria) {
        List<Condition> where = new ArrayList<>();
        criteria.senderId().ifPresent(sender -> where.add(MESSAGES.SENDER_ID.eq(sender)));
        criteria.receiverId().ifPresent(receiver -> where.add(MESSAGES.ID.in(
                DSL.select(RECEIPTS.MESSAGE_ID).from(RECEIPTS).where(RECEIPTS.RECEIVER_ID.eq(receiver)))));
        criteria.type().ifPresent(type -> where.add(MESSAGES.TYPE.eq(type)));
        criteria.since().ifPresent(since -> where.add(MESSAGES.ID.ge(PageRequest.idBound(since))));
        criteria.until().ifPresent(until -> where.add(MESSAGES.ID.lt(PageRequest.idBound(until))));
        criteria.text().ifPresent(text -> {
            String pattern = "%" + escapeLike(text) + "%";
            where.add(MESSAGES.BODY.likeIgnoreCase(pattern, '!').or(MESSAGES.TITLE.likeIgnoreCase(pattern, '!')));
        });
        return where;
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
