/**
 * Accepting a direct message: a {@link dev.herald.message.send.SendCommand} is validated, given an id and the
 * server time, published, then routed; the answer is a {@link dev.herald.message.send.SendResult}.
 */
@NullMarked
package dev.herald.message.send;

import org.jspecify.annotations.NullMarked;
