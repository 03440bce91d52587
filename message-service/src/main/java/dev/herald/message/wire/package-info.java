/**
 * Protobuf forms shared by the three edges that speak protobuf: the gRPC API ({@code api}), the stream events
 * ({@code stream}) and the deliveries to gateways ({@code presence}). Each edge maps its own messages; what all of
 * them carry (a message, a user, a time) is mapped once, here.
 */
@NullMarked
package dev.herald.message.wire;

import org.jspecify.annotations.NullMarked;
