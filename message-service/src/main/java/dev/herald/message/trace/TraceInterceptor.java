package dev.herald.message.trace;

import dev.herald.observability.trace.TraceLogging;
import dev.herald.observability.trace.Traceparent;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every call a trace: the child of its {@code traceparent} metadata, or a new one when the caller sent none
 * or an invalid one (a caller is never refused over tracing). The trace goes into the gRPC {@link Context}, where
 * the stream publish reads it ({@link CallTrace}), and into the MDC around each of the call's callbacks, which
 * gRPC may run on different threads: set and cleared by each, so no thread keeps a finished call's trace.
 * Installed on the whole server, so it runs before authentication and the caller limits log their refusals in it.
 */
public final class TraceInterceptor implements ServerInterceptor {

    private static final Logger logger = LoggerFactory.getLogger(TraceInterceptor.class);
    private static final Metadata.Key<String> TRACEPARENT =
            Metadata.Key.of(Traceparent.HEADER, Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String sent = headers.get(TRACEPARENT);
        Optional<Traceparent> parent = Traceparent.parse(sent);
        Traceparent trace = parent.map(Traceparent::child).orElseGet(Traceparent::newRoot);
        try (TraceLogging.Scope scope = TraceLogging.open(trace)) {
            if (sent != null && parent.isEmpty()) {
                // The value itself is not logged: it is whatever the caller sent.
                logger.debug("invalid traceparent metadata ignored: the call starts a new trace");
            }
            logger.atDebug().addKeyValue("method", call.getMethodDescriptor().getFullMethodName()).log("call");
            Context context = Context.current().withValue(CallTrace.KEY, trace);
            return new Traced<>(Contexts.interceptCall(context, call, headers, next), trace);
        }
    }

    /** A call's listener whose callbacks log in the call's trace. */
    private static final class Traced<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

        private final Traceparent trace;

        Traced(ServerCall.Listener<Q> listener, Traceparent trace) {
            super(listener);
            this.trace = trace;
        }

        @Override
        public void onMessage(Q message) {
            try (TraceLogging.Scope scope = TraceLogging.open(trace)) {
                super.onMessage(message);
            }
        }

        @Override
        public void onHalfClose() {
            try (TraceLogging.Scope scope = TraceLogging.open(trace)) {
                super.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            try (TraceLogging.Scope scope = TraceLogging.open(trace)) {
                super.onCancel();
            }
        }

        @Override
        public void onComplete() {
            try (TraceLogging.Scope scope = TraceLogging.open(trace)) {
                super.onComplete();
            }
        }

        @Override
        public void onReady() {
            try (TraceLogging.Scope scope = TraceLogging.open(trace)) {
                super.onReady();
            }
        }
    }
}
