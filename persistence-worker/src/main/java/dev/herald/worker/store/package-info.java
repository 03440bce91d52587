/** Batch writes to PostgreSQL: one transaction per batch, idempotent so a redelivered batch changes nothing. */
@NullMarked
package dev.herald.worker.store;

import org.jspecify.annotations.NullMarked;
