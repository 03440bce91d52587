package dev.herald.worker.store;

import java.util.Set;

/**
 * What one committed batch changed: zero everywhere for a replayed batch. {@code usersChanged} counts user rows
 * created or changed (last-seen times included); {@code rowsUpdated} counts the other rows the batch created,
 * changed or deleted besides messages and receipts: rooms and their members, marks, and the rows its updates
 * changed or deleted.
 *
 * @param purgedEventSequences the stream sequences of message events whose messages are purged: those the batch's
 *     purges name (again on every redelivery of a purge), those of the messages of rooms the batch deleted, and those
 *     of events dropped as purged or as sent to a deleted room. They
 *     hold the bodies, so the caller deletes them from the stream once the batch is committed.
 */
public record WriteResult(int messagesInserted, int receiptsInserted, int usersChanged, int rowsUpdated,
        Set<Long> purgedEventSequences) {

    public WriteResult {
        purgedEventSequences = Set.copyOf(purgedEventSequences);
    }

    /** A result without purged events. */
    public WriteResult(int messagesInserted, int receiptsInserted, int usersChanged, int rowsUpdated) {
        this(messagesInserted, receiptsInserted, usersChanged, rowsUpdated, Set.of());
    }
}
