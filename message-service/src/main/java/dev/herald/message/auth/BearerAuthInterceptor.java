package dev.herald.message.auth;

import dev.herald.auth.AuthException;
import dev.herald.auth.VerifiedTokenCache;
import dev.herald.auth.VerifiedUser;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Authenticates every call with its {@code authorization: Bearer <jwt>} metadata. The caller's
 * identity comes only from the verified token; verified tokens are cached until they expire, so
 * a signature is checked once per token, not once per message.
 */
public final class BearerAuthInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final VerifiedTokenCache tokens;

    public BearerAuthInterceptor(VerifiedTokenCache tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return reject(call, "missing authorization: Bearer <token> metadata");
        }
        VerifiedUser caller;
        try {
            caller = tokens.verify(header.substring(BEARER.length()).strip());
        } catch (AuthException e) {
            return reject(call, e.getMessage());
        }
        Context context = Context.current().withValue(Callers.CALLER, caller);
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, String reason) {
        call.close(Status.UNAUTHENTICATED.withDescription(reason), new Metadata());
        return new ServerCall.Listener<>() {};
    }
}
