package dev.herald.message.trace;

import dev.herald.observability.trace.TraceLogging;
import dev.herald.observability.trace.Traceparent;
import io.grpc.Context;
import org.jspecify.annotations.Nullable;

/** The trace of the call a thread is serving, as {@link TraceInterceptor} put it in the gRPC {@link Context}. */
public final class CallTrace {

    static final Context.Key<Traceparent> KEY = Context.key(Traceparent.HEADER);

    private CallTrace() {}

    /**
     * Runs {@code task} as a call in {@code trace} (a send that came over a gateway link, not as a call of its own):
     * the stream publish and the log lines see the trace as they see a call's.
     */
    public static void run(Traceparent trace, Runnable task) {
        try (TraceLogging.Scope scope = TraceLogging.open(trace)) {
            Context.current().withValue(KEY, trace).run(task);
        }
    }

    /** This call's trace, or null outside a call (presence timers, link housekeeping). */
    public static @Nullable Traceparent current() {
        return KEY.get();
    }
}
