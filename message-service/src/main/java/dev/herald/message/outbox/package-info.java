/**
 * A sender's messages: list with read states, delete from own view, recall. {@link dev.herald.message.outbox.Outbox}
 * speaks the model; each query is one class and keeps its SQL conditions to itself; the gRPC mapping is
 * {@code api.OutboxMapper}.
 */
@NullMarked
package dev.herald.message.outbox;

import org.jspecify.annotations.NullMarked;
