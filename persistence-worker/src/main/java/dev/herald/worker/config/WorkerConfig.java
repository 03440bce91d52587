package dev.herald.worker.config;

import dev.herald.config.Env;
import static java.util.Objects.requireNonNull;

import dev.herald.schema.DatabaseConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of the persistence-worker. Every variable, with its default:
 *
 * <ul>
 *   <li>{@code HERALD_NATS_URL} ({@value #DEFAULT_NATS_URL}): the NATS server(s), comma-separated.
 *   <li>{@code HERALD_NATS_STREAM} ({@value #DEFAULT_STREAM}): the JetStream stream of events.
 *   <li>{@code HERALD_NATS_SUBJECT_PREFIX} ({@value #DEFAULT_SUBJECT_PREFIX}): the stream holds
 *       {@code <prefix>.>}.
 *   <li>{@code HERALD_WORKER_DURABLE} ({@value #DEFAULT_DURABLE}): the durable consumer, shared by
 *       every worker.
 *   <li>{@code HERALD_WORKER_BATCH_SIZE} (1000): most events written in one transaction.
 *   <li>{@code HERALD_WORKER_BATCH_MAX_WAIT_MS} (50): how long a batch waits to fill up.
 *   <li>{@code HERALD_WORKER_PULL_AHEAD_BATCHES} (3): how many batches the client keeps pulled
 *       ahead, so the next one is there when a write ends.
 *   <li>{@code HERALD_WORKER_ACK_WAIT_SECONDS} (30): after this long unacked, JetStream redelivers.
 *   <li>{@code HERALD_WORKER_MAX_BACKOFF_MS} (5000): cap of the redelivery delay after a failure.
 *   <li>{@code HERALD_WORKER_COPY} (true): write new messages and receipts by COPY, falling back to
 *       on-conflict inserts for a batch with stored rows; false: on-conflict inserts only.
 *   <li>{@code HERALD_DB_URL}, {@code HERALD_DB_USER}, {@code HERALD_DB_PASSWORD},
 *       {@code HERALD_DB_POOL_SIZE}: see {@link DatabaseConfig}.
 * </ul>
 *
 * <p>A bad value fails construction with an {@link IllegalArgumentException} naming the variable.
 */
public record WorkerConfig(
        String natsUrl,
        String stream,
        String subjectPrefix,
        String durable,
        int batchSize,
        Duration batchMaxWait,
        int pullAheadBatches,
        Duration ackWait,
        Duration maxBackoff,
        boolean copy,
        DatabaseConfig database) {

    public static final String DEFAULT_NATS_URL = "nats://127.0.0.1:4222";
    public static final String DEFAULT_STREAM = "HERALD_EVENTS";
    public static final String DEFAULT_SUBJECT_PREFIX = "herald.events";
    public static final String DEFAULT_DURABLE = "herald-persistence";

    /**
     * Pulled-ahead plus in-flight messages must stay below the consumer's {@code max_ack_pending}
     * of ten batches, with room for a second worker sharing it.
     */
    public static final int MAX_PULL_AHEAD_BATCHES = 5;

    /** Stream and consumer names: no whitespace, dots or wildcards. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Dot-separated subject tokens without wildcards. */
    private static final Pattern SUBJECT_PREFIX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    public WorkerConfig {
        requireNonNull(database, "database");
        checkNatsUrl(requireNonNull(natsUrl, "natsUrl"));
        check(NAME.matcher(requireNonNull(stream, "stream")).matches(),
                "HERALD_NATS_STREAM: %s (expected: 1-64 of A-Z a-z 0-9 _ -)", stream);
        check(SUBJECT_PREFIX.matcher(requireNonNull(subjectPrefix, "subjectPrefix")).matches(),
                "HERALD_NATS_SUBJECT_PREFIX: %s (expected: dot-separated tokens without wildcards)", subjectPrefix);
        check(NAME.matcher(requireNonNull(durable, "durable")).matches(),
                "HERALD_WORKER_DURABLE: %s (expected: 1-64 of A-Z a-z 0-9 _ -)", durable);
        check(batchSize > 0 && batchSize <= 10_000,
                "HERALD_WORKER_BATCH_SIZE: %s (expected: 1..10000)", batchSize);
        check(batchMaxWait.toMillis() > 0,
                "HERALD_WORKER_BATCH_MAX_WAIT_MS: %s (expected: > 0)", batchMaxWait.toMillis());
        check(pullAheadBatches > 0 && pullAheadBatches <= MAX_PULL_AHEAD_BATCHES,
                "HERALD_WORKER_PULL_AHEAD_BATCHES: %s (expected: 1..5)", pullAheadBatches);
        check(ackWait.toSeconds() > 0,
                "HERALD_WORKER_ACK_WAIT_SECONDS: %s (expected: > 0)", ackWait.toSeconds());
        check(maxBackoff.toMillis() > 0,
                "HERALD_WORKER_MAX_BACKOFF_MS: %s (expected: > 0)", maxBackoff.toMillis());
    }

    /** Reads the settings from environment variables, falling back to the defaults above. */
    public static WorkerConfig fromEnv(Map<String, String> env) {
        requireNonNull(env, "env");
        return new WorkerConfig(
                env.getOrDefault("HERALD_NATS_URL", DEFAULT_NATS_URL),
                env.getOrDefault("HERALD_NATS_STREAM", DEFAULT_STREAM),
                env.getOrDefault("HERALD_NATS_SUBJECT_PREFIX", DEFAULT_SUBJECT_PREFIX),
                env.getOrDefault("HERALD_WORKER_DURABLE", DEFAULT_DURABLE),
                (int) number(env, "HERALD_WORKER_BATCH_SIZE", 1000),
                Duration.ofMillis(number(env, "HERALD_WORKER_BATCH_MAX_WAIT_MS", 50)),
                (int) number(env, "HERALD_WORKER_PULL_AHEAD_BATCHES", 3),
                Duration.ofSeconds(number(env, "HERALD_WORKER_ACK_WAIT_SECONDS", 30)),
                Duration.ofMillis(number(env, "HERALD_WORKER_MAX_BACKOFF_MS", 5000)),
                bool(env, "HERALD_WORKER_COPY", true),
                DatabaseConfig.from(Env.of(env)));
    }

    /** The subject filter of the durable consumer: every event of the stream. */
    public String filterSubject() {
        return subjectPrefix + ".>";
    }

    private static long number(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: an integer)", e);
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean defaultValue) {
        String value = env.get(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + ": " + value + " (expected: true or false)");
        };
    }

    /** Checks each of the comma-separated server URLs. */
    private static void checkNatsUrl(String natsUrl) {
        for (String server : natsUrl.split(",", -1)) {
            try {
                URI uri = new URI(server.strip());
                check(uri.getScheme() != null && uri.getHost() != null,
                        "HERALD_NATS_URL: %s (expected: e.g. nats://host:4222, comma-separated)", natsUrl);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(
                        "HERALD_NATS_URL: " + natsUrl + " (expected: e.g. nats://host:4222, comma-separated)", e);
            }
        }
    }

    private static void check(boolean condition, String message, Object value) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(message, value));
        }
    }
}
