package dev.herald.message.inbox;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.MESSAGE_MARKS;
import static dev.herald.schema.generated.Tables.ROOM_MEMBERS;
import static dev.herald.schema.generated.Tables.USERS;

import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * How one user sees the messages that have no receipts, room messages and announcements, by looking a message up:
 * the message with the user's membership of its room and the user's own marks on it. A room message is the user's
 * within a membership window (after joining, before leaving); an announcement, when made after the user first
 * appeared ({@code users.first_sequence}; null: every announcement). Neither counts when the user sent it, as a
 * direct message is not received by its sender.
 */
final class SharedView {

    private final String userId;

    SharedView(String userId) {
        this.userId = userId;
    }

    /** Messages with the user's membership of their room and marks on them (either may be missing). */
    Table<?> table() {
        return MESSAGES
                .leftJoin(ROOM_MEMBERS).on(ROOM_MEMBERS.ROOM_ID.eq(MESSAGES.ROOM_ID), ROOM_MEMBERS.USER_ID.eq(userId))
                .leftJoin(MESSAGE_MARKS).on(MESSAGE_MARKS.MESSAGE_ID.eq(MESSAGES.ID),
                        MESSAGE_MARKS.USER_ID.eq(userId));
    }

    /** Within the user's window, whether deleted or recalled since (a sync may resume after such a message). */
    Condition inWindow() {
        return MESSAGES.SENDER_ID.ne(userId).and(inMembership().or(announcementAfterFirstAppearance()));
    }

    /** What the user sees: in the window, not recalled, not deleted by the user. */
    Condition visible() {
        return inWindow().and(MESSAGES.RECALLED_AT.isNull()).and(MESSAGE_MARKS.DELETED_AT.isNull());
    }

    /**
     * When the user read the message: an announcement when marked read; a room message is read up to the member's
     * read position, which keeps no time of its own, so its creation time stands for it.
     */
    Field<OffsetDateTime> readAt() {
        return DSL.when(MESSAGES.ROOM_ID.isNotNull().and(MESSAGES.STREAM_SEQUENCE.le(ROOM_MEMBERS.READ_SEQUENCE)),
                MESSAGES.CREATED_AT).else_(MESSAGE_MARKS.READ_AT);
    }

    private Condition inMembership() {
        return MESSAGES.ROOM_ID.isNotNull().and(ROOM_MEMBERS.USER_ID.isNotNull())
                .and(MESSAGES.STREAM_SEQUENCE.gt(ROOM_MEMBERS.JOINED_SEQUENCE))
                .and(ROOM_MEMBERS.LEFT_SEQUENCE.isNull().or(MESSAGES.STREAM_SEQUENCE.lt(ROOM_MEMBERS.LEFT_SEQUENCE)));
    }

    private Condition announcementAfterFirstAppearance() {
        return MESSAGES.ANNOUNCEMENT.isTrue().and(MESSAGES.STREAM_SEQUENCE.gt(firstSequence()));
    }

    /**
     * The stream sequence after which announcements are the user's: null (no announcement) while the user is not
     * stored yet, so that a user signing in for the first time is not given every announcement ever made.
     */
    Field<Long> firstSequence() {
        return DSL.select(DSL.coalesce(USERS.FIRST_SEQUENCE, DSL.inline(0L))).from(USERS).where(USERS.ID.eq(userId))
                .asField();
    }
}
