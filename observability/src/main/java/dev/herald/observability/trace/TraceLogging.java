package dev.herald.observability.trace;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts a request's trace into the SLF4J MDC for a scope, so that every log line written inside it carries
 * {@code trace_id} and {@code span_id} (the text format prints {@code trace_id=<id>}, the JSON format has both as
 * fields). Scopes nest: closing one restores what the thread had before, so a callback that runs inside another
 * request's scope (a gRPC callback completing a held event) leaves that scope as it found it.
 *
 * <pre>{@code
 * try (TraceLogging.Scope scope = TraceLogging.open(trace)) {
 *     logger.debug("...");   // carries trace_id and span_id
 * }
 * }</pre>
 */
public final class TraceLogging {

    /** The MDC key of the trace id. */
    public static final String TRACE_ID = "trace_id";
    /** The MDC key of the span id. */
    public static final String SPAN_ID = "span_id";

    private TraceLogging() {}

    /** The open scope of a trace; closing it restores the MDC the thread had. Close it on the thread that opened it. */
    public interface Scope extends AutoCloseable {

        @Override
        void close();
    }

    /** Puts {@code trace} into this thread's MDC until the returned scope is closed. */
    public static Scope open(Traceparent trace) {
        String previousTrace = MDC.get(TRACE_ID);
        String previousSpan = MDC.get(SPAN_ID);
        MDC.put(TRACE_ID, trace.traceId());
        MDC.put(SPAN_ID, trace.spanId());
        return () -> {
            restore(TRACE_ID, previousTrace);
            restore(SPAN_ID, previousSpan);
        };
    }

    private static void restore(String key, @Nullable String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
