package dev.herald.gateway;

import static java.util.Objects.requireNonNull;

import dev.herald.auth.AuthConfig;
import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import dev.herald.config.GatewaySecret;
import dev.herald.config.LoopbackHost;
import dev.herald.config.ReplyBound;
import dev.herald.config.TlsIdentity;
import dev.herald.gateway.admission.AdmissionConfig;
import dev.herald.gateway.backend.AdaptiveLimit;
import dev.herald.gateway.link.GrpcClientTls;
import dev.herald.logging.LogSettings;
import dev.herald.observability.OpsSettings;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration of the gateway, read from {@code HERALD_*} environment variables; every name, default and range
 * is in {@link #fromEnv} and in the root README's configuration table. The token settings are {@link AuthConfig}'s,
 * the log settings {@link LogSettings}'.
 *
 * @param port                  WebSocket and browser-client port; 0 picks a free one (Tyrus binds all interfaces)
 * @param messageServiceTargets {@code host:port} of the message-service instances: an IP literal is one instance, a
 *                              DNS name (a Kubernetes headless Service) every address it resolves to
 * @param resolveInterval       {@code HERALD_MESSAGE_SERVICE_RESOLVE_SECONDS}: how often the DNS names among the
 *                              targets are resolved again (new instances linked, gone ones drained)
 * @param gatewaySecret         shared secret presented on the gateway links, read by {@link GatewaySecret}'s rule;
 *                              never printed
 * @param authTimeout           time from connect to a successful {@code online}
 * @param maxFrameBytes         largest client frame
 * @param outboundQueueLimit    frames waiting per socket before it is closed as a slow consumer
 * @param outboundQueueBytes    bytes of frames waiting per socket before it is closed as a slow consumer
 * @param replyBound            {@code HERALD_MAX_REPLY_BYTES}, read by {@link ReplyBound}'s rule like the
 *                              message-service does: sizes the gRPC messages the channels accept
 * @param backendDeadline       deadline of calls to the message-service
 * @param maxCallsInFlight      calls to the message-service in flight at once; past it a request is refused at
 *                              once with {@code RESOURCE_EXHAUSTED}. With a latency target, the ceiling of the
 *                              adaptive limit (and where it starts)
 * @param minCallsInFlight      {@code HERALD_MIN_CALLS_IN_FLIGHT}: the floor of the adaptive limit
 * @param callLatencyTarget     {@code HERALD_CALL_LATENCY_TARGET_MS}: the calls' mean latency above which the limit
 *                              shrinks; zero keeps the bound fixed at {@code maxCallsInFlight}
 * @param socketMaxInFlight     the same bound for one socket's requests
 * @param maxSocketsPerUser     signed-in sockets of one user on this gateway; past it {@code online} is refused
 *                              and the socket closed with 4029
 * @param presenceAckTimeout    longest wait for the instances to confirm a user's first socket before acking
 *                              {@code online}
 * @param linkKeepalive         {@code HERALD_LINK_KEEPALIVE_SECONDS}: gRPC keepalive of the links, a ping every
 *                              interval, answered within the same time, or the link ends (its users are announced by
 *                              the next instance)
 * @param admission             sockets before sign-in (per address, frame size), ping and idle timeout, the
 *                              open-file reserve
 * @param grpcTls               TLS of the channels to the message-services ({@code HERALD_GRPC_TLS_CA}, and the
 *                              gateway's client certificate {@code HERALD_GRPC_TLS_CERT}/{@code _KEY}); empty for
 *                              plain text, which needs loopback targets or development mode
 * @param socketTls             certificate and key the WebSocket port is served with over TLS
 *                              ({@code HERALD_GATEWAY_TLS_CERT}/{@code _KEY}); empty for plain text (TLS terminated
 *                              in front of the gateway)
 * @param ops                   where {@code /metrics}, {@code /health/live} and {@code /health/ready} are served
 *                              ({@code HERALD_OPS_HOST}, {@code HERALD_OPS_PORT}, default {@value #DEFAULT_OPS_PORT})
 * @param devMode               {@code HERALD_DEV_MODE}: development settings (the local gateway secret, plain-text
 *                              gRPC beyond loopback, {@code HERALD_DEV_TOKEN_URL}) accepted
 * @param devTokenUrl           {@code HERALD_DEV_TOKEN_URL}: the development identity provider's token endpoint,
 *                              handed to the browser app in {@code /config.json} so that a user signs in by typing a
 *                              name; accepted only in development mode and only on loopback. Empty: no
 *                              {@code /config.json}, the app asks for a token
 */
public record GatewayConfig(
        int port,
        List<String> messageServiceTargets,
        Duration resolveInterval,
        String gatewaySecret,
        Optional<GrpcClientTls> grpcTls,
        Optional<TlsIdentity> socketTls,
        Duration authTimeout,
        int maxFrameBytes,
        int outboundQueueLimit,
        int outboundQueueBytes,
        ReplyBound replyBound,
        Duration backendDeadline,
        int maxCallsInFlight,
        int minCallsInFlight,
        Duration callLatencyTarget,
        int socketMaxInFlight,
        int maxSocketsPerUser,
        Duration presenceAckTimeout,
        Duration linkKeepalive,
        AdmissionConfig admission,
        AuthConfig auth,
        LogSettings logging,
        OpsSettings ops,
        boolean devMode,
        Optional<URI> devTokenUrl) {

    /** The gateway's default operations port; {@code deploy/local/run.sh} gives gateway {@code g} this plus g. */
    public static final int DEFAULT_OPS_PORT = 8180;

    private static final String DEV_TOKEN_URL = "HERALD_DEV_TOKEN_URL";

    public GatewayConfig {
        messageServiceTargets = List.copyOf(messageServiceTargets);
        requireNonNull(resolveInterval, "resolveInterval");
        requireNonNull(gatewaySecret, "gatewaySecret");
        requireNonNull(grpcTls, "grpcTls");
        requireNonNull(socketTls, "socketTls");
        requireNonNull(authTimeout, "authTimeout");
        requireNonNull(replyBound, "replyBound");
        requireNonNull(backendDeadline, "backendDeadline");
        requireNonNull(callLatencyTarget, "callLatencyTarget");
        requireNonNull(presenceAckTimeout, "presenceAckTimeout");
        requireNonNull(linkKeepalive, "linkKeepalive");
        requireNonNull(admission, "admission");
        requireNonNull(auth, "auth");
        requireNonNull(logging, "logging");
        requireNonNull(ops, "ops");
        requireNonNull(devTokenUrl, "devTokenUrl");
    }

    /**
     * Reads the configuration, with the defaults for absent variables.
     *
     * @throws dev.herald.config.ConfigException naming the variable when a value is present but unusable
     */
    public static GatewayConfig fromEnv(Map<String, String> variables) {
        Env env = Env.of(variables);
        boolean devMode = env.bool("HERALD_DEV_MODE", false);
        int maxFrameBytes = env.integer("HERALD_MAX_FRAME_BYTES", 65_536, 256, 16 << 20);
        List<String> targets = env.hostPorts("HERALD_MESSAGE_SERVICE_TARGETS", "127.0.0.1:9090");
        int maxCalls = env.integer("HERALD_MAX_CALLS_IN_FLIGHT", 1024, 1, 1_000_000);
        return new GatewayConfig(
                env.integer("HERALD_GATEWAY_PORT", 8080, 0, 65535),
                targets,
                env.duration("HERALD_MESSAGE_SERVICE_RESOLVE_SECONDS", 10, ChronoUnit.SECONDS, 1, 3600),
                GatewaySecret.read(env, devMode),
                GrpcClientTls.fromEnv(env, targets, devMode),
                TlsIdentity.read(env, "HERALD_GATEWAY_TLS_CERT", "HERALD_GATEWAY_TLS_KEY"),
                env.duration("HERALD_AUTH_TIMEOUT_SECONDS", 10, ChronoUnit.SECONDS, 1, 3600),
                maxFrameBytes,
                env.integer("HERALD_OUTBOUND_QUEUE_LIMIT", 1024, 1, 1_000_000),
                env.integer("HERALD_OUTBOUND_QUEUE_BYTES", 8 << 20, 64 << 10, 1 << 30),
                ReplyBound.read(env),
                env.duration("HERALD_BACKEND_DEADLINE_MS", 10_000, ChronoUnit.MILLIS, 100, 600_000),
                maxCalls,
                minCallsInFlight(env, maxCalls),
                env.duration("HERALD_CALL_LATENCY_TARGET_MS", 200, ChronoUnit.MILLIS, 0, 60_000),
                env.integer("HERALD_SOCKET_MAX_IN_FLIGHT", 64, 1, 1_000_000),
                env.integer("HERALD_MAX_SOCKETS_PER_USER", 32, 1, 1_000_000),
                env.duration("HERALD_PRESENCE_ACK_TIMEOUT_MS", 2_000, ChronoUnit.MILLIS, 0, 60_000),
                // gRPC clients ping at most every 10 s: a lower setting would silently be 10.
                env.duration("HERALD_LINK_KEEPALIVE_SECONDS", 10, ChronoUnit.SECONDS, 10, 3600),
                AdmissionConfig.from(env, maxFrameBytes),
                AuthConfig.from(env),
                LogSettings.fromEnv(env),
                OpsSettings.from(env, DEFAULT_OPS_PORT),
                devMode,
                devTokenUrl(env, devMode));
    }

    /**
     * The development token endpoint: a page that can mint any user's token is for this machine only, so it needs
     * development mode and a loopback host.
     */
    private static Optional<URI> devTokenUrl(Env env, boolean devMode) {
        if (env.secret(DEV_TOKEN_URL, "").isEmpty()) {
            return Optional.empty();
        }
        URI url = env.uri(DEV_TOKEN_URL, "", Set.of("http", "https"));
        if (!devMode) {
            throw ConfigException.invalid(DEV_TOKEN_URL, url.toString(), "unset outside development mode"
                    + " (HERALD_DEV_MODE=true)");
        }
        if (!LoopbackHost.is(url.getHost())) {
            throw ConfigException.invalid(DEV_TOKEN_URL, url.toString(), "a loopback URL, e.g. http://127.0.0.1:8090/token");
        }
        return Optional.of(url);
    }

    /**
     * How the gateway's limit on calls in flight follows their latency (measured over 100 ms windows); empty when
     * {@code HERALD_CALL_LATENCY_TARGET_MS} is 0 and the bound stays at {@code maxCallsInFlight}.
     */
    public Optional<AdaptiveLimit> adaptiveCallLimit() {
        if (callLatencyTarget.isZero()) {
            return Optional.empty();
        }
        return Optional.of(new AdaptiveLimit(minCallsInFlight, maxCallsInFlight, callLatencyTarget,
                Duration.ofMillis(100)));
    }

    /** The adaptive limit's floor: at most the ceiling, which it defaults to when that is below 128. */
    private static int minCallsInFlight(Env env, int maxCalls) {
        int min = env.integer("HERALD_MIN_CALLS_IN_FLIGHT", Math.min(128, maxCalls), 1, 1_000_000);
        if (min > maxCalls) {
            throw ConfigException.invalid("HERALD_MIN_CALLS_IN_FLIGHT", Integer.toString(min),
                    "at most HERALD_MAX_CALLS_IN_FLIGHT (" + maxCalls + ")");
        }
        return min;
    }

    /** Every setting but the gateway secret, for the startup log. */
    @Override
    public String toString() {
        return "GatewayConfig[port=" + port + ", messageServiceTargets=" + messageServiceTargets
                + ", resolveInterval=" + resolveInterval
                + ", gatewaySecret=(not shown), grpcTls=" + grpcTls + ", socketTls=" + socketTls
                + ", authTimeout=" + authTimeout + ", maxFrameBytes=" + maxFrameBytes
                + ", outboundQueueLimit=" + outboundQueueLimit + ", outboundQueueBytes=" + outboundQueueBytes
                + ", maxReplyBytes=" + replyBound.maxReplyBytes() + ", backendDeadline=" + backendDeadline
                + ", maxCallsInFlight=" + maxCallsInFlight + ", minCallsInFlight=" + minCallsInFlight
                + ", callLatencyTarget=" + callLatencyTarget + ", socketMaxInFlight=" + socketMaxInFlight
                + ", maxSocketsPerUser=" + maxSocketsPerUser + ", presenceAckTimeout=" + presenceAckTimeout
                + ", linkKeepalive=" + linkKeepalive
                + ", admission=" + admission + ", auth=" + auth + ", logging=" + logging + ", ops=" + ops
                + ", devMode=" + devMode + ", devTokenUrl=" + devTokenUrl + "]";
    }
}
