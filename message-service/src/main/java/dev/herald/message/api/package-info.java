/**
 * The gRPC edge: thin transports over the features (decode, call, encode) and one mapper per feature
 * ({@code InboxMapper}, {@code OutboxMapper}, {@code AdminMapper}, {@code MessageMapper}) between the
 * {@code herald.v1} messages and the features' model. No feature sees a request or response message.
 */
@NullMarked
package dev.herald.message.api;

import org.jspecify.annotations.NullMarked;
