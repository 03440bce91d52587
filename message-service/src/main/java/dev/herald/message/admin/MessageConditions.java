package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;

import dev.herald.message.query.PageRequest;
import dev.herald.proto.v1.MessageFilter;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Turns an admin filter into SQL conditions; each one is served by an index (see docs/operations.md). */
final class MessageConditions {

    private MessageConditions() {}

    static List<Condition> of(MessageFilter filter) {
        List<Condition> where = new ArrayList<>();
        if (!filter.getSenderId().isEmpty()) {
            where.add(MESSAGES.SENDER_ID.eq(filter.getSenderId()));
        }
        if (!filter.getReceiverId().isEmpty()) {
            where.add(MESSAGES.ID.in(DSL.select(RECEIPTS.MESSAGE_ID).from(RECEIPTS)
                    .where(RECEIPTS.RECEIVER_ID.eq(filter.getReceiverId()))));
        }
        if (!filter.getType().isEmpty()) {
            where.add(MESSAGES.TYPE.eq(filter.getType()));
        }
        PageRequest.idBound(filter.hasSince(), filter.getSince()).ifPresent(id -> where.add(MESSAGES.ID.ge(id)));
        PageRequest.idBound(filter.hasUntil(), filter.getUntil()).ifPresent(id -> where.add(MESSAGES.ID.lt(id)));
        if (!filter.getText().isEmpty()) {
            String pattern = "%" + escapeLike(filter.getText()) + "%";
            where.add(MESSAGES.BODY.likeIgnoreCase(pattern, '!').or(MESSAGES.TITLE.likeIgnoreCase(pattern, '!')));
        }
        return where;
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
