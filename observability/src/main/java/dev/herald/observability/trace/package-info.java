/**
 * W3C trace context as Herald uses it: a {@link dev.herald.observability.trace.Traceparent} travels with each
 * request from the gateway through gRPC metadata and NATS message headers to the persistence-worker, and
 * {@link dev.herald.observability.trace.TraceLogging} puts its ids on every log line written for the request.
 */
@NullMarked
package dev.herald.observability.trace;

import org.jspecify.annotations.NullMarked;
