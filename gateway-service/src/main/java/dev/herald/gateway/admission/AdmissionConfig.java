package dev.herald.gateway.admission;

import static java.util.Objects.requireNonNull;

import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway lets a connection do before it signs in, how long any socket may stay quiet, and how close to the
 * open-file limit it accepts new ones; read from {@code HERALD_*} variables by {@link #from}, listed in the README.
 *
 * @param preauthPerAddress        sockets of one client address that may be open without having signed in
 * @param trustedProxies           peers whose {@code X-Forwarded-For} names the client
 * @param preauthMaxFrameBytes     largest message before sign-in (then {@code HERALD_MAX_FRAME_BYTES})
 * @param pingInterval             quiet time after which a socket is pinged
 * @param idleTimeout              quiet time after which a socket is closed (1001 "idle timeout")
 * @param reservedFileDescriptors  open-file slots kept free: new connections are refused when fewer are left
 */
public record AdmissionConfig(
        int preauthPerAddress,
        TrustedProxies trustedProxies,
        int preauthMaxFrameBytes,
        Duration pingInterval,
        Duration idleTimeout,
        int reservedFileDescriptors) {

    static final String TRUSTED_PROXIES = "HERALD_TRUSTED_PROXIES";
    static final int DEFAULT_PREAUTH_MAX_FRAME_BYTES = 8192;

    public AdmissionConfig {
        requireNonNull(trustedProxies, "trustedProxies");
        requireNonNull(pingInterval, "pingInterval");
        requireNonNull(idleTimeout, "idleTimeout");
    }

    /**
     * Reads the settings; {@code maxFrameBytes} ({@code HERALD_MAX_FRAME_BYTES}) bounds the frame limit before
     * sign-in.
     *
     * @throws ConfigException naming the variable when a value is present but unusable
     */
    public static AdmissionConfig from(Env env, int maxFrameBytes) {
        requireNonNull(env, "env");
        int preauthFrame = env.integer("HERALD_PREAUTH_MAX_FRAME_BYTES",
                Math.min(DEFAULT_PREAUTH_MAX_FRAME_BYTES, maxFrameBytes), 256, Integer.MAX_VALUE);
        if (preauthFrame > maxFrameBytes) {
            throw ConfigException.invalid("HERALD_PREAUTH_MAX_FRAME_BYTES", String.valueOf(preauthFrame),
                    "256..HERALD_MAX_FRAME_BYTES (" + maxFrameBytes + ")");
        }
        Duration ping = env.duration("HERALD_PING_INTERVAL_SECONDS", 30, ChronoUnit.SECONDS, 1, 3600);
        Duration idle = env.duration("HERALD_IDLE_TIMEOUT_SECONDS", 75, ChronoUnit.SECONDS, 2, 86_400);
        if (idle.compareTo(ping) <= 0) {
            throw ConfigException.invalid("HERALD_IDLE_TIMEOUT_SECONDS", String.valueOf(idle.toSeconds()),
                    "more than HERALD_PING_INTERVAL_SECONDS (" + ping.toSeconds() + ")");
        }
        return new AdmissionConfig(
                env.integer("HERALD_PREAUTH_PER_ADDRESS", 256, 1, 10_000_000),
                trustedProxies(env),
                preauthFrame,
                ping,
                idle,
                env.integer("HERALD_RESERVED_FILE_DESCRIPTORS", 512, 0, 10_000_000));
    }

    private static TrustedProxies trustedProxies(Env env) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String item : env.list(TRUSTED_PROXIES, "")) {
            Optional<AddressRange> range = AddressRange.parse(item);
            if (range.isEmpty()) {
                throw ConfigException.invalid(TRUSTED_PROXIES, item,
                        "comma-separated IP addresses or CIDR blocks, e.g. 10.0.0.0/8,2001:db8::/32");
            }
            ranges.add(range.get());
        }
        return new TrustedProxies(ranges);
    }
}
