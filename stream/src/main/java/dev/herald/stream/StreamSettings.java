package dev.herald.stream;

import static java.util.Objects.requireNonNull;

import dev.herald.config.Env;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Where the event stream is, as the message-service and the persistence-worker both read it: declared once so the
 * two can never disagree on a default.
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code HERALD_NATS_URL}</td><td>{@value #DEFAULT_NATS_URL}</td><td>NATS server(s), comma-separated</td></tr>
 *   <tr><td>{@code HERALD_NATS_STREAM}</td><td>{@value #DEFAULT_STREAM}</td><td>the stream every write goes
 *       through</td></tr>
 *   <tr><td>{@code HERALD_NATS_SUBJECT_PREFIX}</td><td>{@value #DEFAULT_SUBJECT_PREFIX}</td><td>the stream holds
 *       {@code <prefix>.>}</td></tr>
 *   <tr><td>{@code HERALD_WORKER_DURABLE}</td><td>{@value #DEFAULT_DURABLE}</td><td>the persistence-worker's durable
 *       consumer, whose ack floor is the persistence watermark</td></tr>
 *   <tr><td>{@code HERALD_NATS_REPLICAS}</td><td>1</td><td>copies JetStream keeps of the stream and of the
 *       message-service's key-value buckets (1..5; more than 1 needs a NATS cluster of at least that many
 *       servers)</td></tr>
 * </table>
 */
public record StreamSettings(String natsUrl, String stream, String subjectPrefix, String workerDurable,
        int replicas) {

    public static final String DEFAULT_NATS_URL = "nats://127.0.0.1:4222";
    public static final String DEFAULT_STREAM = "HERALD_EVENTS";
    public static final String DEFAULT_SUBJECT_PREFIX = "herald.events";
    public static final String DEFAULT_DURABLE = "herald-persistence";
    /** JetStream's own limit on a stream's replicas. */
    public static final int MAX_REPLICAS = 5;

    /** Stream and consumer names: no white space, dots or wildcards. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Dot-separated subject tokens without wildcards. */
    private static final Pattern SUBJECT_PREFIX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    public StreamSettings {
        requireNonNull(natsUrl, "natsUrl");
        requireNonNull(stream, "stream");
        requireNonNull(subjectPrefix, "subjectPrefix");
        requireNonNull(workerDurable, "workerDurable");
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas: " + replicas + " (expected: 1.." + MAX_REPLICAS + ")");
        }
    }

    /** Reads the settings, with the defaults above for absent variables. */
    public static StreamSettings from(Env env) {
        List<URI> servers = env.uris("HERALD_NATS_URL", DEFAULT_NATS_URL, Set.of("nats", "tls", "ws", "wss"));
        return new StreamSettings(
                servers.stream().map(URI::toString).collect(Collectors.joining(",")),
                env.matching("HERALD_NATS_STREAM", DEFAULT_STREAM, NAME, "1-64 of A-Z a-z 0-9 _ -"),
                env.matching("HERALD_NATS_SUBJECT_PREFIX", DEFAULT_SUBJECT_PREFIX, SUBJECT_PREFIX,
                        "dot-separated tokens of A-Z a-z 0-9 _ -, no wildcards"),
                env.matching("HERALD_WORKER_DURABLE", DEFAULT_DURABLE, NAME, "1-64 of A-Z a-z 0-9 _ -"),
                env.integer("HERALD_NATS_REPLICAS", 1, 1, MAX_REPLICAS));
    }

    /** The subjects of the stream: every event. */
    public String subjects() {
        return subjectPrefix + ".>";
    }
}
