package dev.herald.message.admin;

/** The order of a dead-letter list; ids grow with time. */
public enum DeadLetterOrder {
    NEWEST_FIRST,
    OLDEST_FIRST
}
