package dev.herald.gateway.trace;

import static java.util.Objects.requireNonNull;

import dev.herald.observability.trace.TraceLogging;
import dev.herald.observability.trace.Traceparent;
import io.grpc.Context;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The trace of the request a thread is working for. It lives in the gRPC {@link Context}, which gRPC hands from the
 * thread that starts a call to that call's callbacks (where the reply's continuations run), and in the SLF4J MDC for
 * the log lines; {@link #enter} sets both for a scope.
 */
public final class RequestTrace {

    private static final Context.Key<Traceparent> KEY = Context.key(Traceparent.HEADER);

    private RequestTrace() {}

    /**
     * The trace of a request whose frame carried {@code fromClient}: its child (the gateway's own span of the
     * client's trace), or a new trace when the frame had none or an invalid one.
     */
    public static Traceparent continuing(@Nullable Traceparent fromClient) {
        return fromClient == null ? Traceparent.newRoot() : fromClient.child();
    }

    /** The trace entered on this thread, or null outside any request. */
    public static @Nullable Traceparent current() {
        return KEY.get();
    }

    /** Makes {@code trace} this thread's current trace, for gRPC calls and log lines, until the scope closes. */
    public static TraceLogging.Scope enter(Traceparent trace) {
        Context entered = Context.current().withValue(KEY, requireNonNull(trace, "trace"));
        Context previous = entered.attach();
        TraceLogging.Scope logging = TraceLogging.open(trace);
        return () -> {
            logging.close();
            entered.detach(previous);
        };
    }

    /** {@code executor}, running each task in the trace current where it was handed over. */
    public static Executor carrying(Executor executor) {
        requireNonNull(executor, "executor");
        return task -> {
            Traceparent trace = current();
            if (trace == null) {
                executor.execute(task);
                return;
            }
            executor.execute(() -> {
                try (TraceLogging.Scope scope = enter(trace)) {
                    task.run();
                }
            });
        };
    }
}
