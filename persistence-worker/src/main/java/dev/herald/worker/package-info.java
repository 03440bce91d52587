/** The persistence-worker: pulls stream events from a durable JetStream consumer and writes them to PostgreSQL in batches. */
@NullMarked
package dev.herald.worker;

import org.jspecify.annotations.NullMarked;
