package dev.herald.worker.store;

/**
 * What one committed batch changed: zero everywhere for a replayed batch. {@code rowsUpdated}
 * counts the message and receipt rows the batch's updates changed or deleted.
 */
public record WriteResult(int messagesInserted, int receiptsInserted, int usersChanged, int rowsUpdated) {}
