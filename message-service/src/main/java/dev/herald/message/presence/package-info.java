/**
 * Which gateways hold which users, learned over the gateway links, and delivery to them: the edge that speaks the
 * link protocol (its protobuf messages are built here, from the model).
 */
@NullMarked
package dev.herald.message.presence;

import org.jspecify.annotations.NullMarked;
