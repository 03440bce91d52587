/** The JetStream side: stream setup, the durable pull consumer and the batch loop that acks only after commit. */
@NullMarked
package dev.herald.worker.consume;

import org.jspecify.annotations.NullMarked;
