package dev.herald.gateway.trace;

import dev.herald.observability.trace.TraceLogging;
import dev.herald.observability.trace.Traceparent;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Sends the {@linkplain RequestTrace#current() current trace} as {@code traceparent} metadata with each call, and
 * puts it on the log lines of the call's callbacks, where the reply is answered (an ack, an exception). Calls
 * started outside a request go as they are.
 */
public final class TraceInterceptor implements ClientInterceptor {

    private static final Metadata.Key<String> TRACEPARENT =
            Metadata.Key.of(Traceparent.HEADER, Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        ClientCall<Q, R> call = next.newCall(method, options);
        Traceparent trace = RequestTrace.current();
        if (trace == null) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(TRACEPARENT, trace.format());
                super.start(new Traced<>(listener, trace), headers);
            }
        };
    }

    /** A call's listener whose callbacks log in the call's trace. */
    private static final class Traced<R> extends ForwardingClientCallListener.SimpleForwardingClientCallListener<R> {

        private final Traceparent trace;

        Traced(ClientCall.Listener<R> listener, Traceparent trace) {
            super(listener);
            this.trace = trace;
        }

        @Override
        public void onHeaders(Metadata headers) {
            try (TraceLogging.Scope scope = TraceLogging.open(trace)) {
                super.onHeaders(headers);
            }
        }

        @Override
        public void onMessage(R message) {
            try (TraceLogging.Scope scope = TraceLogging.open(trace)) {
                super.onMessage(message);
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            try (TraceLogging.Scope scope = TraceLogging.open(trace)) {
                super.onClose(status, trailers);
            }
        }
    }
}
