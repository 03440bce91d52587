package dev.herald.worker.store;

/** What one committed batch changed: zero everywhere for a replayed batch. */
public record WriteResult(int messagesInserted, int receiptsInserted, int usersChanged) {}
