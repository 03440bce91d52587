/** A sender's messages: list with read states, delete from own view, recall. */
@NullMarked
package dev.herald.message.outbox;

import org.jspecify.annotations.NullMarked;
