package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** The stream sequence of a room message the member sees; empty for any other message. */
final class SelectVisibleSequence implements Function<DSLContext, Optional<Long>> {

    private final Membership member;
    private final UUID messageId;

    SelectVisibleSequence(Membership member, UUID messageId) {
        this.member = member;
        this.messageId = messageId;
    }

    @Override
    public Optional<Long> apply(DSLContext dsl) {
        return dsl.select(MESSAGES.STREAM_SEQUENCE).from(MESSAGES)
                .where(MESSAGES.ID.eq(messageId), VisibleRoomMessages.of(member))
                .fetchOptional(MESSAGES.STREAM_SEQUENCE);
    }

    @Override
    public String toString() {
        return "SelectVisibleSequence{roomId=" + member.roomId() + ", messageId=" + messageId + "}";
    }
}
