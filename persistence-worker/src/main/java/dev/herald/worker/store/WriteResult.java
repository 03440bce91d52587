package dev.herald.worker.store;

import java.util.Set;

/**
 * What one committed batch changed: zero everywhere for a replayed batch. {@code rowsUpdated}
 * counts the message and receipt rows the batch's updates changed or deleted.
 *
 * @param purgedEventSequences the stream sequences of message events whose messages are purged: those the batch's
 *     purges name (again on every redelivery of a purge) and those of redelivered events dropped as purged. They
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
