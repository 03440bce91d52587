package dev.herald.gateway;

import static java.util.Objects.requireNonNull;

import dev.herald.auth.AuthConfig;
import dev.herald.config.Env;
import dev.herald.config.GatewaySecret;
import dev.herald.logging.LogSettings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the gateway, read from {@code HERALD_*} environment variables; every name, default and range
 * is in {@link #fromEnv} and in the root README's configuration table. The token settings are {@link AuthConfig}'s,
 * the log settings {@link LogSettings}'.
 *
 * @param port                  WebSocket and browser-client port; 0 picks a free one (Tyrus binds all interfaces)
 * @param messageServiceTargets {@code host:port} of every message-service instance
 * @param gatewaySecret         shared secret presented on the gateway links, read by {@link GatewaySecret}'s rule;
 *                              never printed
 * @param authTimeout           time from connect to a successful {@code online}
 * @param maxFrameBytes         largest client frame
 * @param outboundQueueLimit    frames waiting per socket before it is closed as a slow consumer
 * @param backendDeadline       deadline of calls to the message-service
 * @param maxCallsInFlight      calls to the message-service in flight at once; past it a request is refused at
 *                              once with {@code RESOURCE_EXHAUSTED}
 * @param socketMaxInFlight     the same bound for one socket's requests
 * @param maxSocketsPerUser     signed-in sockets of one user on this gateway; past it {@code online} is refused
 *                              and the socket closed with 4029
 * @param presenceAckTimeout    longest wait for the instances to confirm a user's first socket before acking
 *                              {@code online}
 * @param devMode               {@code HERALD_DEV_MODE}: development settings (the local gateway secret) accepted
 */
public record GatewayConfig(
        int port,
        List<String> messageServiceTargets,
        String gatewaySecret,
        Duration authTimeout,
        int maxFrameBytes,
        int outboundQueueLimit,
        Duration backendDeadline,
        int maxCallsInFlight,
        int socketMaxInFlight,
        int maxSocketsPerUser,
        Duration presenceAckTimeout,
        AuthConfig auth,
        LogSettings logging,
        boolean devMode) {

    public GatewayConfig {
        messageServiceTargets = List.copyOf(messageServiceTargets);
        requireNonNull(gatewaySecret, "gatewaySecret");
        requireNonNull(authTimeout, "authTimeout");
        requireNonNull(backendDeadline, "backendDeadline");
        requireNonNull(presenceAckTimeout, "presenceAckTimeout");
        requireNonNull(auth, "auth");
        requireNonNull(logging, "logging");
    }

    /**
     * Reads the configuration, with the defaults for absent variables.
     *
     * @throws dev.herald.config.ConfigException naming the variable when a value is present but unusable
     */
    public static GatewayConfig fromEnv(Map<String, String> variables) {
        Env env = Env.of(variables);
        boolean devMode = env.bool("HERALD_DEV_MODE", false);
        return new GatewayConfig(
                env.integer("HERALD_GATEWAY_PORT", 8080, 0, 65535),
                env.hostPorts("HERALD_MESSAGE_SERVICE_TARGETS", "127.0.0.1:9090"),
                GatewaySecret.read(env, devMode),
                env.duration("HERALD_AUTH_TIMEOUT_SECONDS", 10, ChronoUnit.SECONDS, 1, 3600),
                env.integer("HERALD_MAX_FRAME_BYTES", 65_536, 256, 16 << 20),
                env.integer("HERALD_OUTBOUND_QUEUE_LIMIT", 1024, 1, 1_000_000),
                env.duration("HERALD_BACKEND_DEADLINE_MS", 10_000, ChronoUnit.MILLIS, 100, 600_000),
                env.integer("HERALD_MAX_CALLS_IN_FLIGHT", 1024, 1, 1_000_000),
                env.integer("HERALD_SOCKET_MAX_IN_FLIGHT", 64, 1, 1_000_000),
                env.integer("HERALD_MAX_SOCKETS_PER_USER", 32, 1, 1_000_000),
                env.duration("HERALD_PRESENCE_ACK_TIMEOUT_MS", 2_000, ChronoUnit.MILLIS, 0, 60_000),
                AuthConfig.from(env),
                LogSettings.fromEnv(env),
                devMode);
    }

    /** Every setting but the gateway secret, for the startup log. */
    @Override
    public String toString() {
        return "GatewayConfig[port=" + port + ", messageServiceTargets=" + messageServiceTargets
                + ", gatewaySecret=(not shown), authTimeout=" + authTimeout + ", maxFrameBytes=" + maxFrameBytes
                + ", outboundQueueLimit=" + outboundQueueLimit + ", backendDeadline=" + backendDeadline
                + ", maxCallsInFlight=" + maxCallsInFlight + ", socketMaxInFlight=" + socketMaxInFlight
                + ", maxSocketsPerUser=" + maxSocketsPerUser + ", presenceAckTimeout=" + presenceAckTimeout
                + ", auth=" + auth + ", logging=" + logging + ", devMode=" + devMode + "]";
    }
}
