package dev.herald.gateway.link;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import org.jspecify.annotations.Nullable;

/**
 * The channel of calls made while no message-service instance is known (the targets' names never resolved yet):
 * each call ends at once with {@code UNAVAILABLE}, as a call to an instance that is down would, so the client gets
 * the usual "try again" answer instead of a gateway fault.
 */
final class UnresolvedChannel extends Channel {

    private static final Status UNRESOLVED =
            Status.UNAVAILABLE.withDescription("no message-service instance resolved yet");

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        return new ClientCall<>() {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                listener.onClose(UNRESOLVED, new Metadata());
            }

            @Override
            public void request(int messages) {}

            @Override
            public void cancel(@Nullable String message, @Nullable Throwable cause) {}

            @Override
            public void halfClose() {}

            @Override
            public void sendMessage(Q message) {}
        };
    }

    @Override
    public String authority() {
        return "unresolved";
    }
}
