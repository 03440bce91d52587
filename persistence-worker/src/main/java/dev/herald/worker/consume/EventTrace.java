package dev.herald.worker.consume;

import dev.herald.observability.trace.TraceLogging;
import dev.herald.observability.trace.Traceparent;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The trace a stream record was published in: the message-service sets a {@code traceparent} header on every record
 * it publishes for a request, so the worker's lines about that record carry the request's trace id. Records
 * published outside a request (presence timers) and records from before tracing have none.
 */
final class EventTrace {

    private static final TraceLogging.Scope NONE = () -> {};

    private EventTrace() {}

    /** The record's trace, or null when it has no valid {@code traceparent} header. */
    static @Nullable Traceparent of(Message message) {
        Headers headers = message.getHeaders();
        return headers == null ? null : Traceparent.parse(headers.getFirst(Traceparent.HEADER)).orElse(null);
    }

    /** Logs in {@code trace} until the scope closes; a scope that changes nothing when there is none. */
    static TraceLogging.Scope open(@Nullable Traceparent trace) {
        return trace == null ? NONE : TraceLogging.open(trace);
    }

    /** The distinct trace ids among {@code traces}, comma-separated, for a batch-level debug line. */
    static String ids(List<@Nullable Traceparent> traces) {
        return String.join(",", traces.stream().filter(Objects::nonNull).map(Traceparent::traceId).distinct()
                .toList());
    }
}
