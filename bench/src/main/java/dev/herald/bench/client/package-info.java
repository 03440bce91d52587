/**
 * Client sockets: a minimal WebSocket client read by one virtual thread per socket, spread over source addresses,
 * and a bounded-concurrency connect phase.
 */
@NullMarked
package dev.herald.bench.client;

import org.jspecify.annotations.NullMarked;
