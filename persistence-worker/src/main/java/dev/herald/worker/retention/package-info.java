/**
 * Retention: deleting messages older than {@code HERALD_RETENTION_DAYS} with their receipts and marks, in bounded
 * transactions, by one worker at a time, and their events from the stream.
 */
@NullMarked
package dev.herald.worker.retention;

import org.jspecify.annotations.NullMarked;
