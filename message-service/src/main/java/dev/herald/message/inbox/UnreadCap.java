package dev.herald.message.inbox;

/**
 * Unread counts of rooms and announcements stop at {@value #SHOWN} (shown as 999+): each is a range scan that stops
 * after {@value #SCANNED} rows, never a scan of a whole room.
 */
final class UnreadCap {

    static final int SHOWN = 999;
    /** One more than shown: 1,000 rows found tells that the count is capped. */
    static final int SCANNED = SHOWN + 1;

    private UnreadCap() {}
}
