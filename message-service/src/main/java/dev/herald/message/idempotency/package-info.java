/** Retry-safe sends: a sender's clientId maps to one message id for good. */
@NullMarked
package dev.herald.message.idempotency;

import org.jspecify.annotations.NullMarked;
