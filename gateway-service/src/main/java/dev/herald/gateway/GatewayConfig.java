package dev.herald.gateway;

import dev.herald.config.Env;
import static java.util.Objects.requireNonNull;

import dev.herald.auth.AuthConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Configuration of the gateway, read from {@code HERALD_*} environment variables. Every name and default:
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code HERALD_GATEWAY_PORT}</td><td>8080</td><td>WebSocket and browser-client port; 0 picks a free
 *       one. Tyrus binds all interfaces.</td></tr>
 *   <tr><td>{@code HERALD_MESSAGE_SERVICE_TARGETS}</td><td>127.0.0.1:9090</td><td>comma-separated
 *       {@code host:port} of every message-service instance</td></tr>
 *   <tr><td>{@code HERALD_GATEWAY_SECRET}</td><td>herald-local-gateway-secret</td><td>shared secret presented
 *       on gateway links</td></tr>
 *   <tr><td>{@code HERALD_AUTH_TIMEOUT_SECONDS}</td><td>10</td><td>time to a successful {@code online}</td></tr>
 *   <tr><td>{@code HERALD_MAX_FRAME_BYTES}</td><td>65536</td><td>largest client frame</td></tr>
 *   <tr><td>{@code HERALD_OUTBOUND_QUEUE_LIMIT}</td><td>1024</td><td>frames waiting per socket before it is
 *       closed as a slow consumer</td></tr>
 *   <tr><td>{@code HERALD_BACKEND_DEADLINE_MS}</td><td>10000</td><td>deadline of calls to the
 *       message-service</td></tr>
 *   <tr><td>{@code HERALD_MAX_CALLS_IN_FLIGHT}</td><td>1024</td><td>calls to the message-service this gateway
 *       may have in flight; past it a request is refused at once with {@code RESOURCE_EXHAUSTED}</td></tr>
 *   <tr><td>{@code HERALD_PRESENCE_ACK_TIMEOUT_MS}</td><td>2000</td><td>longest wait for the instances to
 *       confirm a user's first socket before acking {@code online}</td></tr>
 *   <tr><td>{@code HERALD_JWKS_URL}, {@code HERALD_JWT_ISSUER}, {@code HERALD_JWT_AUDIENCE},
 *       {@code HERALD_JWT_LEEWAY_SECONDS}</td><td colspan="2">see {@link AuthConfig}</td></tr>
 * </table>
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
        Duration presenceAckTimeout,
        AuthConfig auth) {

    public GatewayConfig {
        messageServiceTargets = List.copyOf(messageServiceTargets);
        requireNonNull(gatewaySecret, "gatewaySecret");
        requireNonNull(authTimeout, "authTimeout");
        requireNonNull(backendDeadline, "backendDeadline");
        requireNonNull(presenceAckTimeout, "presenceAckTimeout");
        requireNonNull(auth, "auth");
    }

    /**
     * Reads the configuration, with the defaults above for absent variables.
     *
     * @throws IllegalArgumentException naming the variable when a value is present but unusable
     */
    public static GatewayConfig fromEnv(Map<String, String> env) {
        EnvReader read = new EnvReader(requireNonNull(env, "env"));
        return new GatewayConfig(
                read.integer("HERALD_GATEWAY_PORT", 8080, 0, 65535),
                read.targets("HERALD_MESSAGE_SERVICE_TARGETS", "127.0.0.1:9090"),
                read.string("HERALD_GATEWAY_SECRET", "herald-local-gateway-secret"),
                Duration.ofSeconds(read.integer("HERALD_AUTH_TIMEOUT_SECONDS", 10, 1, 3600)),
                read.integer("HERALD_MAX_FRAME_BYTES", 65_536, 256, 16 << 20),
                read.integer("HERALD_OUTBOUND_QUEUE_LIMIT", 1024, 1, 1_000_000),
                Duration.ofMillis(read.integer("HERALD_BACKEND_DEADLINE_MS", 10_000, 100, 600_000)),
                read.integer("HERALD_MAX_CALLS_IN_FLIGHT", 1024, 1, 1_000_000),
                Duration.ofMillis(read.integer("HERALD_PRESENCE_ACK_TIMEOUT_MS", 2_000, 0, 60_000)),
                AuthConfig.from(Env.of(env)));
    }

    /** Parses one variable at a time so every error names its variable. */
    private record EnvReader(Map<String, String> env) {

        String string(String name, String fallback) {
            String value = env.getOrDefault(name, fallback).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(name + ": must not be empty");
            }
            return value;
        }

        int integer(String name, int fallback, int min, int max) {
            String raw = env.get(name);
            if (raw == null) {
                return fallback;
            }
            final int value;
            try {
                value = Integer.parseInt(raw.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + raw + "' (expected: an integer)", e);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
            }
            return value;
        }

        List<String> targets(String name, String fallback) {
            Set<String> targets = new LinkedHashSet<>();
            for (String part : string(name, fallback).split(",", -1)) {
                String target = part.strip();
                if (!isHostAndPort(target)) {
                    throw new IllegalArgumentException(
                            name + ": '" + target + "' (expected: comma-separated host:port, e.g. 127.0.0.1:9090)");
                }
                if (!targets.add(target)) {
                    throw new IllegalArgumentException(name + ": '" + target + "' is listed twice");
                }
            }
            return new ArrayList<>(targets);
        }

        private static boolean isHostAndPort(String target) {
            int colon = target.lastIndexOf(':');
            if (colon <= 0 || colon == target.length() - 1) {
                return false;
            }
            String host = target.substring(0, colon);
            if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
                return false;
            }
            try {
                int port = Integer.parseInt(target.substring(colon + 1));
                return port > 0 && port <= 65535;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
