package dev.herald.gateway.link;

import static java.util.Objects.requireNonNull;

import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import dev.herald.config.LoopbackHost;
import dev.herald.config.TlsIdentity;
import dev.herald.config.TrustedCertificates;
import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.util.List;
import java.util.Optional;

/**
 * TLS of the gateway's channels to the message-services: the CA their certificates chain to
 * ({@code HERALD_GRPC_TLS_CA}) and, for mutual TLS, the gateway's own client certificate and key
 * ({@code HERALD_GRPC_TLS_CERT}, {@code HERALD_GRPC_TLS_KEY}: the same names the message-service reads for its
 * server certificate, each service's own certificate). The target's host must be in the certificate's subject
 * alternative names: for a DNS name, the name itself (each resolved address is dialled with the name as the
 * channel's authority, see {@link LinkChannels}).
 *
 * <p>Like the JWKS URL's https rule, plain text is allowed only where nobody else can listen: without a CA every
 * target must be on loopback, unless {@code HERALD_DEV_MODE=true}.
 */
public record GrpcClientTls(TrustedCertificates ca, Optional<TlsIdentity> identity) {

    static final String CA = "HERALD_GRPC_TLS_CA";
    static final String CERT = "HERALD_GRPC_TLS_CERT";
    static final String KEY = "HERALD_GRPC_TLS_KEY";

    public GrpcClientTls {
        requireNonNull(ca, "ca");
        requireNonNull(identity, "identity");
    }

    /**
     * The TLS settings, or empty for plain text.
     *
     * @throws ConfigException naming the variable: a file cannot be used, a certificate without a CA, or no CA for
     *                         a target beyond loopback outside development mode
     */
    public static Optional<GrpcClientTls> fromEnv(Env env, List<String> targets, boolean devMode) {
        Optional<TrustedCertificates> ca = TrustedCertificates.read(env, CA);
        Optional<TlsIdentity> identity = TlsIdentity.read(env, CERT, KEY);
        if (ca.isPresent()) {
            return Optional.of(new GrpcClientTls(ca.get(), identity));
        }
        if (identity.isPresent()) {
            throw new ConfigException(CA + ": not set (expected: the CA of the message-services' certificates "
                    + "whenever " + CERT + " is set)");
        }
        Optional<String> remote = targets.stream().filter(target -> !LoopbackHost.is(host(target))).findFirst();
        if (!devMode && remote.isPresent()) {
            throw new ConfigException(CA + ": not set (expected: the CA of the message-services' certificates when "
                    + "target '" + remote.get() + "' of HERALD_MESSAGE_SERVICE_TARGETS is not loopback, "
                    + "unless HERALD_DEV_MODE=true)");
        }
        return Optional.empty();
    }

    /** Whether the gateway presents a client certificate (mutual TLS). */
    public boolean presentsCertificate() {
        return identity.isPresent();
    }

    public ChannelCredentials credentials() {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder().trustManager(ca.trustManagers());
        identity.ifPresent(own -> tls.keyManager(own.keyManagers()));
        return tls.build();
    }

    /** The host of a {@code host:port} target, brackets and all for IPv6. */
    private static String host(String target) {
        return target.substring(0, target.lastIndexOf(':'));
    }
}
