package dev.herald.message.trace;

import dev.herald.observability.trace.Traceparent;
import io.grpc.Context;
import org.jspecify.annotations.Nullable;

/** The trace of the call a thread is serving, as {@link TraceInterceptor} put it in the gRPC {@link Context}. */
public final class CallTrace {

    static final Context.Key<Traceparent> KEY = Context.key(Traceparent.HEADER);

    private CallTrace() {}

    /** This call's trace, or null outside a call (presence timers, link housekeeping). */
    public static @Nullable Traceparent current() {
        return KEY.get();
    }
}
