package dev.herald.message.auth;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the gateway link: a link reports presence and receives every delivery for the users it
 * names, so only gateways holding the shared secret ({@code HERALD_GATEWAY_SECRET}) may open one.
 */
public final class GatewaySecretInterceptor implements ServerInterceptor {

    public static final Metadata.Key<String> GATEWAY_SECRET =
            Metadata.Key.of("x-herald-gateway-secret", Metadata.ASCII_STRING_MARSHALLER);

    private final byte[] secret;

    public GatewaySecretInterceptor(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String presented = headers.get(GATEWAY_SECRET);
        if (presented == null
                || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            call.close(Status.UNAUTHENTICATED.withDescription("gateway secret missing or wrong"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
