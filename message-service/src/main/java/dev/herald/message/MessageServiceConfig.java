package dev.herald.message;

import dev.herald.config.Env;
import dev.herald.auth.AuthConfig;
import dev.herald.schema.DatabaseConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the message-service, read from {@code HERALD_*} environment variables; every
 * name and default is listed in the README.
 */
public record MessageServiceConfig(
        String grpcHost,
        int grpcPort,
        String natsUrl,
        String streamName,
        String subjectPrefix,
        String workerDurable,
        int maxReceivers,
        int maxBodyBytes,
        int maxTitleChars,
        int maxClientIdChars,
        int maxBatchIds,
        Duration clientIdRetention,
        Duration storedWaitTimeout,
        String gatewaySecret,
        AuthConfig auth,
        DatabaseConfig database) {

    public static MessageServiceConfig fromEnv(Map<String, String> env) {
        EnvReader read = new EnvReader(env);
        return new MessageServiceConfig(
                read.string("HERALD_GRPC_HOST", "0.0.0.0"),
                read.integer("HERALD_GRPC_PORT", 9090, 0, 65535),
                read.string("HERALD_NATS_URL", "nats://127.0.0.1:4222"),
                read.string("HERALD_NATS_STREAM", "HERALD_EVENTS"),
                read.string("HERALD_NATS_SUBJECT_PREFIX", "herald.events"),
                read.string("HERALD_WORKER_DURABLE", "herald-persistence"),
                read.integer("HERALD_MAX_RECEIVERS", 1000, 1, 100_000),
                read.integer("HERALD_MAX_BODY_BYTES", 32_768, 1, 1 << 20),
                read.integer("HERALD_MAX_TITLE_CHARS", 256, 0, 65_536),
                read.integer("HERALD_MAX_CLIENT_ID_CHARS", 128, 1, 255),
                read.integer("HERALD_MAX_BATCH_IDS", 500, 1, 10_000),
                Duration.ofHours(read.integer("HERALD_CLIENT_ID_RETENTION_HOURS", 168, 1, 100_000)),
                Duration.ofMillis(read.integer("HERALD_STORED_WAIT_MS", 2000, 0, 60_000)),
                read.string("HERALD_GATEWAY_SECRET", "herald-local-gateway-secret"),
                AuthConfig.from(Env.of(env)),
                DatabaseConfig.from(Env.of(env)));
    }

    /** Parses one variable at a time so every error names its variable. */
    private record EnvReader(Map<String, String> env) {

        String string(String name, String fallback) {
            String value = env.getOrDefault(name, fallback).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
            return value;
        }

        int integer(String name, int fallback, int min, int max) {
            String raw = env.get(name);
            if (raw == null) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw.strip());
                if (value < min || value > max) {
                    throw new IllegalArgumentException(
                            name + ": " + value + " (expected: " + min + ".." + max + ")");
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": " + raw + " (expected: an integer)", e);
            }
        }
    }
}
