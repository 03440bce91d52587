package dev.herald.message;

import static java.util.Objects.requireNonNull;

import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import dev.herald.config.LoopbackHost;
import dev.herald.config.TlsIdentity;
import dev.herald.config.TrustedCertificates;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.util.Optional;

/**
 * TLS of the message-service's gRPC port: its certificate and key ({@code HERALD_GRPC_TLS_CERT},
 * {@code HERALD_GRPC_TLS_KEY}) and, for mutual TLS with the gateways, the CA their client certificates chain to
 * ({@code HERALD_GRPC_TLS_CLIENT_CA}). Client certificates are asked for but not required: the gateway link
 * requires one ({@link dev.herald.message.auth.GatewayCertificateInterceptor}), the user-facing services keep
 * authenticating by bearer token, so direct callers need no certificate.
 *
 * <p>Like the JWKS URL's https rule, plain text is allowed only where nobody else can listen: without a certificate
 * the service must listen on loopback ({@code HERALD_GRPC_HOST}), unless {@code HERALD_DEV_MODE=true}.
 */
public record GrpcServerTls(TlsIdentity identity, Optional<TrustedCertificates> clientCa) {

    static final String CERT = "HERALD_GRPC_TLS_CERT";
    static final String KEY = "HERALD_GRPC_TLS_KEY";
    static final String CLIENT_CA = "HERALD_GRPC_TLS_CLIENT_CA";

    public GrpcServerTls {
        requireNonNull(identity, "identity");
        requireNonNull(clientCa, "clientCa");
    }

    /**
     * The TLS settings, or empty for plain text.
     *
     * @throws ConfigException naming the variable: a file cannot be used, a client CA without a certificate, or no
     *                         certificate while listening beyond loopback outside development mode
     */
    static Optional<GrpcServerTls> fromEnv(Env env, String grpcHost, boolean devMode) {
        Optional<TlsIdentity> identity = TlsIdentity.read(env, CERT, KEY);
        Optional<TrustedCertificates> clientCa = TrustedCertificates.read(env, CLIENT_CA);
        if (identity.isPresent()) {
            return Optional.of(new GrpcServerTls(identity.get(), clientCa));
        }
        if (clientCa.isPresent()) {
            throw new ConfigException(CLIENT_CA + ": set without " + CERT
                    + " (expected: " + CERT + " and " + KEY + " too: client certificates need TLS)");
        }
        if (!devMode && !LoopbackHost.is(grpcHost)) {
            throw new ConfigException(CERT + ": not set (expected: a PEM certificate, with " + KEY
                    + ", when HERALD_GRPC_HOST '" + grpcHost + "' is not loopback, unless HERALD_DEV_MODE=true)");
        }
        return Optional.empty();
    }

    /** Whether gateway links must present a client certificate (mutual TLS). */
    public boolean requiresGatewayCertificates() {
        return clientCa.isPresent();
    }

    ServerCredentials credentials() {
        TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder().keyManager(identity.keyManagers());
        clientCa.ifPresent(ca -> tls.trustManager(ca.trustManagers())
                .clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL));
        return tls.build();
    }
}
