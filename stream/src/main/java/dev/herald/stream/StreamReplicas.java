package dev.herald.stream;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a stream Herald owns (the event stream, the key-value buckets' streams) at {@code HERALD_NATS_REPLICAS}
 * copies. A stream made with other replicas is updated in place: a NATS cluster (2.9 included) moves it to the new
 * count while it serves, and its consumers that did not pick their own count follow it. What NATS refuses, or
 * quietly ignores (a server outside a cluster refuses a new stream with more replicas, but takes the count on an
 * update and keeps one copy), stops the service's start with
 * an error naming the variable: running with fewer copies than configured would silently break the durability the
 * operator asked for.
 */
public final class StreamReplicas {

    private static final Logger logger = LoggerFactory.getLogger(StreamReplicas.class);

    private StreamReplicas() {}

    /** Updates the stream {@code existing} describes to {@code replicas} unless it has them already. */
    public static void bringTo(JetStreamManagement jsm, StreamInfo existing, int replicas)
            throws IOException, JetStreamApiException {
        StreamConfiguration current = existing.getConfiguration();
        if (current.getReplicas() == replicas) {
            requireReplicas(existing, replicas);
            return;
        }
        logger.atWarn().addKeyValue("stream", current.getName()).addKeyValue("from", current.getReplicas())
                .addKeyValue("to", replicas).log("changing the stream's replicas to HERALD_NATS_REPLICAS");
        try {
            requireReplicas(jsm.updateStream(StreamConfiguration.builder(current).replicas(replicas).build()), replicas);
        } catch (JetStreamApiException e) {
            throw refused(current.getName(), replicas, e.getErrorDescription(), e);
        }
    }

    /**
     * Fails the start unless the stream NATS created or updated ({@code info}) has the {@code wanted} replicas on a
     * cluster: a server outside a cluster takes a count on an update and keeps a single copy.
     */
    public static void requireReplicas(StreamInfo info, int wanted) {
        String name = info.getConfiguration().getName();
        int kept = info.getConfiguration().getReplicas();
        if (kept != wanted) {
            throw refused(name, wanted, "it kept " + kept, null);
        }
        if (wanted > 1 && info.getClusterInfo() == null) {
            throw refused(name, wanted, "the server is not in a cluster", null);
        }
    }

    /** The start failure for a stream NATS will not create or update with {@code replicas}: names the variable. */
    public static IllegalStateException refused(String stream, int replicas, JetStreamApiException e) {
        return refused(stream, replicas, e.getErrorDescription(), e);
    }

    private static IllegalStateException refused(String stream, int replicas, String why, Throwable cause) {
        return new IllegalStateException("HERALD_NATS_REPLICAS=" + replicas + ": NATS refused " + replicas
                + " replica(s) for stream " + stream + " (" + why + "; more than 1 needs a JetStream cluster of at "
                + "least that many servers)", cause);
    }
}
