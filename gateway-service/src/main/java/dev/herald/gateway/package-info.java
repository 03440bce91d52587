/** Herald gateway: WebSocket clients in front, message-service instances behind. */
@NullMarked
package dev.herald.gateway;

import org.jspecify.annotations.NullMarked;
