package dev.herald.message.room;

/**
 * A member's unread count in a room, capped: past {@link #CAP} the exact number is not worth a scan (shown as
 * "999+").
 *
 * @param capped true when there are more than {@code count}
 */
public record UnreadCount(int count, boolean capped) {

    static final int CAP = 999;

    /** @param counted rows counted with a limit of {@link #CAP} + 1 */
    static UnreadCount of(int counted) {
        return counted > CAP ? new UnreadCount(CAP, true) : new UnreadCount(counted, false);
    }
}
