package dev.herald.message.room;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/** The newest message a member sees at or before its read position: what it has read up to. */
final class SelectReadUpTo implements Function<DSLContext, Optional<UUID>> {

    private final Membership member;

    SelectReadUpTo(Membership member) {
        this.member = member;
    }

    @Override
    public Optional<UUID> apply(DSLContext dsl) {
        return dsl.select(MESSAGES.ID).from(MESSAGES)
                .where(VisibleRoomMessages.of(member), MESSAGES.STREAM_SEQUENCE.le(member.readSequence()))
                .orderBy(MESSAGES.STREAM_SEQUENCE.desc())
                .limit(1)
                .fetchOptional(MESSAGES.ID);
    }

    @Override
    public String toString() {
        return "SelectReadUpTo{roomId=" + member.roomId() + ", userId=" + member.userId() + "}";
    }
}
