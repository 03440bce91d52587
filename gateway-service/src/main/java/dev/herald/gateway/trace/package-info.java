/**
 * The trace of each client request: continued from the frame's {@code traceparent} or started here, carried to the
 * message-service as {@code traceparent} metadata, and on every log line the gateway writes for the request.
 */
@NullMarked
package dev.herald.gateway.trace;

import org.jspecify.annotations.NullMarked;
