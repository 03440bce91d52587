package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.MESSAGES;

import dev.herald.schema.generated.tables.records.MessagesRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The room messages a member sees, newest (latest published) first, before a stream sequence when given. */
final class SelectRoomMessages implements Function<DSLContext, List<MessagesRecord>> {

    private final Membership member;
    private final Optional<Long> beforeSequence;
    private final int rows;

    SelectRoomMessages(Membership member, Optional<Long> beforeSequence, int rows) {
        this.member = member;
        this.beforeSequence = beforeSequence;
        this.rows = rows;
    }

    @Override
    public List<MessagesRecord> apply(DSLContext dsl) {
        Condition before = beforeSequence.map(MESSAGES.STREAM_SEQUENCE::lt).orElse(DSL.noCondition());
        return dsl.selectFrom(MESSAGES)
                .where(VisibleRoomMessages.of(member), before)
                .orderBy(MESSAGES.STREAM_SEQUENCE.desc(), MESSAGES.ID.desc())
                .limit(rows)
                .fetch();
    }

    @Override
    public String toString() {
        return "SelectRoomMessages{roomId=" + member.roomId() + ", userId=" + member.userId() + ", before="
                + beforeSequence + ", rows=" + rows + "}";
    }
}
