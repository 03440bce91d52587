package dev.herald.message.admin;

/**
 * How many messages one admin query checks for its text filter at most: the messages its other filters select,
 * newest first. The text has no index (one would cost every stored message, see docs/operations.md), so the bound
 * keeps a search's time bounded however many messages are stored: a page that reaches it ends early with a cursor to
 * go on from, a count that would pass it is refused with what to narrow.
 *
 * @param maxMessages at least 1
 */
record TextScan(int maxMessages) {

    /** Under a second of scanning on the loaded 2-core test machine (docs/operations.md, "Query plans"). */
    static final TextScan DEFAULT = new TextScan(100_000);

    TextScan {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1: " + maxMessages);
        }
    }
}
