package dev.herald.message.inbox;

import java.util.UUID;

/**
 * A sync request's {@code after}, read: empty (from the first message), a cursor from a {@code nextAfter}, or a
 * message id, which clients held as their cursor before cursors followed publish order and may still send.
 */
sealed interface SyncAfter {

    String FIELD = "after";
    /** A message id's canonical text: 8-4-4-4-12 hex digits. */
    int MESSAGE_ID_LENGTH = 36;

    /** From the receiver's first message. */
    record FromStart() implements SyncAfter {}

    /** After a position a sync returned. */
    record After(SyncCursor cursor) implements SyncAfter {}

    /** After a message the receiver received, wherever its receipt stands in publish order. */
    record AfterMessage(UUID messageId) implements SyncAfter {}

    /**
     * @throws dev.herald.message.error.HeraldException.InvalidArgument naming {@code after} when it is neither
     */
    static SyncAfter parse(String after) {
        if (after.isEmpty()) {
            return new FromStart();
        }
        if (after.length() == MESSAGE_ID_LENGTH) {
            return new AfterMessage(messageId(after));
        }
        return new After(SyncCursor.decode(after, FIELD));
    }

    private static UUID messageId(String text) {
        try {
            UUID id = UUID.fromString(text);
            // UUID.fromString accepts short groups ("1-2-3-4-5"); only the canonical form is a message id.
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // Not a UUID at all: reported below like any other text that is no cursor.
        }
        throw SyncCursor.notACursor(FIELD);
    }
}
