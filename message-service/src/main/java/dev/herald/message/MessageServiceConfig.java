package dev.herald.message;

import dev.herald.auth.AuthConfig;
import dev.herald.config.Env;
import dev.herald.config.GatewaySecret;
import dev.herald.config.ReplyBound;
import dev.herald.logging.LogSettings;
import dev.herald.message.limits.CallerLimits;
import dev.herald.message.limits.Rate;
import dev.herald.observability.OpsSettings;
import dev.herald.schema.DatabaseConfig;
import dev.herald.stream.StreamSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration of the message-service, read from {@code HERALD_*} environment variables; every name and default
 * is listed in the README. A value that cannot be used throws a {@link dev.herald.config.ConfigException} naming
 * its variable. The gateway secret follows {@link GatewaySecret}'s rule: outside {@code devMode}
 * ({@code HERALD_DEV_MODE}) an unset, default or short one is refused. gRPC is served over TLS when
 * {@link GrpcServerTls} says so, and must be outside development mode unless it listens on loopback. The reply
 * bound follows {@link ReplyBound}'s rule, which the gateway reads too. A clock offset ({@link ClockOffset}) is only
 * taken in development mode.
 */
public record MessageServiceConfig(
        String grpcHost,
        int grpcPort,
        StreamSettings stream,
        int maxReceivers,
        int maxBodyBytes,
        int maxTitleChars,
        int maxClientIdChars,
        int maxBatchIds,
        int maxRoomMembersPerCall,
        Duration clientIdRetention,
        Duration firstClaimRetention,
        Duration storedWaitTimeout,
        int linkBufferBytes,
        Duration linkKeepalive,
        Duration presenceOfflineDebounce,
        ReplyBound replyBound,
        CallerLimits callerLimits,
        String gatewaySecret,
        Optional<GrpcServerTls> grpcTls,
        AuthConfig auth,
        DatabaseConfig database,
        LogSettings log,
        Duration clockOffset,
        boolean devMode,
        OpsSettings ops) {

    /** Where {@code /metrics} and {@code /health/*} are served unless {@code HERALD_OPS_PORT} says otherwise. */
    public static final int DEFAULT_OPS_PORT = 9190;

    /** A host name or an IPv4/IPv6 literal to listen on; anything else fails at startup, not at bind. */
    private static final Pattern LISTEN_HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]+");

    public static MessageServiceConfig fromEnv(Map<String, String> variables) {
        Env env = Env.of(variables);
        boolean devMode = env.bool("HERALD_DEV_MODE", false);
        String grpcHost = env.matching("HERALD_GRPC_HOST", "0.0.0.0", LISTEN_HOST, "an IP address or a host name");
        return new MessageServiceConfig(
                grpcHost,
                env.integer("HERALD_GRPC_PORT", 9090, 0, 65535),
                StreamSettings.from(env),
                env.integer("HERALD_MAX_RECEIVERS", 1000, 1, 100_000),
                env.integer("HERALD_MAX_BODY_BYTES", 32_768, 1, 1 << 20),
                env.integer("HERALD_MAX_TITLE_CHARS", 256, 0, 65_536),
                env.integer("HERALD_MAX_CLIENT_ID_CHARS", 128, 1, 255),
                env.integer("HERALD_MAX_BATCH_IDS", 500, 1, 10_000),
                env.integer("HERALD_MAX_ROOM_MEMBERS_PER_CALL", 1000, 1, 100_000),
                env.duration("HERALD_CLIENT_ID_RETENTION_HOURS", 168, ChronoUnit.HOURS, 1, 100_000),
                env.duration("HERALD_FIRST_CLAIM_RETENTION_HOURS", 24, ChronoUnit.HOURS, 1, 100_000),
                env.duration("HERALD_STORED_WAIT_MS", 2000, ChronoUnit.MILLIS, 0, 60_000),
                env.integer("HERALD_LINK_BUFFER_BYTES", 8 << 20, 1 << 20, 1 << 30),
                // gRPC clients ping at most every 10 s: a lower setting would not be what the gateways do.
                env.duration("HERALD_LINK_KEEPALIVE_SECONDS", 10, ChronoUnit.SECONDS, 10, 3600),
                env.duration("HERALD_PRESENCE_OFFLINE_DEBOUNCE_MS", 3000, ChronoUnit.MILLIS, 0, 600_000),
                ReplyBound.read(env),
                callerLimits(env),
                GatewaySecret.read(env, devMode),
                GrpcServerTls.fromEnv(env, grpcHost, devMode),
                AuthConfig.from(env),
                DatabaseConfig.from(env),
                LogSettings.fromEnv(env),
                ClockOffset.read(env, devMode),
                devMode,
                OpsSettings.from(env, DEFAULT_OPS_PORT));
    }

    /**
     * Per-user limits of this instance. The defaults are above the load generator's heaviest scenario (200 sends
     * per second per sending user in {@code direct-20000}; it makes no reads), so they bound a flood without
     * throttling it.
     */
    private static CallerLimits callerLimits(Env env) {
        return new CallerLimits(
                new Rate(env.integer("HERALD_USER_SEND_RATE", 300, 1, 1_000_000),
                        env.integer("HERALD_USER_SEND_BURST", 600, 1, 1_000_000)),
                new Rate(env.integer("HERALD_USER_READ_RATE", 100, 1, 1_000_000),
                        env.integer("HERALD_USER_READ_BURST", 200, 1, 1_000_000)),
                env.integer("HERALD_CALLER_MAX_CONCURRENT", 64, 1, 100_000));
    }

    /** The clock message ids and times are stamped with: the system's, shifted by {@link ClockOffset} if set. */
    public Clock clock() {
        return clockOffset.isZero() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), clockOffset);
    }

    /** Everything but the gateway secret and the database password, for the startup log. */
    @Override
    public String toString() {
        return "MessageServiceConfig[grpc=" + grpcHost + ":" + grpcPort + ", grpcTls=" + grpcTls
                + ", stream=" + stream
                + ", maxReceivers=" + maxReceivers + ", maxBodyBytes=" + maxBodyBytes
                + ", maxTitleChars=" + maxTitleChars + ", maxClientIdChars=" + maxClientIdChars
                + ", maxBatchIds=" + maxBatchIds + ", maxRoomMembersPerCall=" + maxRoomMembersPerCall
                + ", clientIdRetention=" + clientIdRetention
                + ", firstClaimRetention=" + firstClaimRetention
                + ", storedWaitTimeout=" + storedWaitTimeout + ", linkBufferBytes=" + linkBufferBytes
                + ", linkKeepalive=" + linkKeepalive + ", presenceOfflineDebounce=" + presenceOfflineDebounce
                + ", maxReplyBytes=" + replyBound.maxReplyBytes()
                + ", callerLimits=" + callerLimits
                + ", auth=" + auth + ", database=" + database + ", log=" + log + ", clockOffset=" + clockOffset
                + ", devMode=" + devMode + ", ops=" + ops + "]";
    }
}
