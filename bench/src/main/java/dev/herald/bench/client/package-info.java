/**
 * Client sockets: the JDK's WebSocket client, one HTTP client per source address, a bounded-concurrency connect
 * phase.
 */
@NullMarked
package dev.herald.bench.client;

import org.jspecify.annotations.NullMarked;
