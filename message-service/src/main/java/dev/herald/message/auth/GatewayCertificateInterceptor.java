package dev.herald.message.auth;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the gateway link under mutual TLS ({@code HERALD_GRPC_TLS_CLIENT_CA}): only a connection whose client
 * presented a certificate that chains to that CA may open one. The server asks for client certificates without
 * requiring them ({@code ClientAuth.OPTIONAL}), so users, admins and grpcurl still call the other services over
 * TLS with only their bearer token; a certificate from another CA fails the handshake itself, and a connection
 * without one reaches this check.
 */
public final class GatewayCertificateInterceptor implements ServerInterceptor {

    private static final Logger logger = LoggerFactory.getLogger(GatewayCertificateInterceptor.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (tls == null || !hasVerifiedCertificate(tls)) {
            logger.atWarn().addKeyValue("peer", call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR))
                    .log("gateway link refused: no client certificate");
            call.close(Status.UNAUTHENTICATED.withDescription("a gateway link needs a client certificate"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }

    /** The handshake verified the chain against the client CA; a session without one has no peer certificates. */
    private static boolean hasVerifiedCertificate(SSLSession tls) {
        try {
            return tls.getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }
}
