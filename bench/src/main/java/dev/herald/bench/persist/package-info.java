/**
 * The PostgreSQL check: polls a run's rows until they stop growing, then audits them message by message.
 */
@NullMarked
package dev.herald.bench.persist;

import org.jspecify.annotations.NullMarked;
