/**
 * Reading what the persistence-worker stored, as the inbox, outbox and admin share it: the
 * {@link dev.herald.message.store.QueryRunner} (a database failure becomes UNAVAILABLE once), the receipts query and
 * row mapping to the model, and read-your-writes ({@link dev.herald.message.store.Consistency}: wait for the
 * persistence watermark before reading).
 */
@NullMarked
package dev.herald.message.store;

import org.jspecify.annotations.NullMarked;
