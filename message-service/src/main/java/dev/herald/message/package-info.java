/** The message-service: validates, makes durable, and routes direct messages; tracks presence. */
@NullMarked
package dev.herald.message;

import org.jspecify.annotations.NullMarked;
