/** Typing notices: relayed to the other participants of a conversation, throttled, never stored. */
@NullMarked
package dev.herald.message.typing;

import org.jspecify.annotations.NullMarked;
