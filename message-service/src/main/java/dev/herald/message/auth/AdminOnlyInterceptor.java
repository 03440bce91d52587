package dev.herald.message.auth;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Lets only callers whose token has the {@code admin} role through. Must run after
 * {@link BearerAuthInterceptor} (register it closer to the service).
 */
public final class AdminOnlyInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!Callers.current().isAdmin()) {
            call.close(Status.PERMISSION_DENIED.withDescription("admin role required"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
