/**
 * The trace of each call: read from its {@code traceparent} metadata (the gateway sends the client request's), kept
 * in the gRPC {@link io.grpc.Context} for the stream publish, and on every log line the call's handlers write.
 */
@NullMarked
package dev.herald.message.trace;

import org.jspecify.annotations.NullMarked;
