/** The WebSocket side: connections, their authenticated sessions, outbound queues and fan-out. */
@NullMarked
package dev.herald.gateway.socket;

import org.jspecify.annotations.NullMarked;
