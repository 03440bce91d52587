package dev.herald.message.ops;

import dev.herald.observability.PeriodicCheck;
import dev.herald.observability.Readiness;
import dev.herald.observability.ReadinessCheck.Status;
import dev.herald.schema.Database;
import dev.herald.stream.NatsConnectionCheck;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;
import java.time.Duration;

/**
 * When a message-service can serve: its NATS connection is up ({@code nats}), the stream answers a lookup
 * ({@code jetstream}: writes are acked by it), PostgreSQL answers {@code select 1} ({@code postgresql}: reads come
 * from it), and it is not shutting down ({@code server}). The two remote checks run every {@link #EVERY} on their
 * own threads and count as not ready when their last answer is older than {@link #STALE_AFTER}, so a probe never
 * waits for them.
 */
public final class MessageServiceReadiness implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(2);
    /** The pool's 5 s connection timeout and the query's 2 s, plus a round of slack. */
    static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private final Readiness readiness = new Readiness();
    private final PeriodicCheck stream;
    private final PeriodicCheck postgres;
    private volatile boolean closing;

    public MessageServiceReadiness(NatsConnectionCheck nats, JetStreamManagement jsm, String streamName,
            Database database) {
        this.stream = PeriodicCheck.start("jetstream", EVERY, STALE_AFTER, () -> streamStatus(nats, jsm, streamName));
        this.postgres = PeriodicCheck.start("postgresql", EVERY, STALE_AFTER, () -> {
            database.ping();
            return Status.ready("select 1 answered");
        });
        readiness.add("nats", nats)
                .add("jetstream", stream)
                .add("postgresql", postgres)
                .add("server", () -> closing ? Status.notReady("shutting down") : Status.ready("serving"));
    }

    public Readiness readiness() {
        return readiness;
    }

    /** From now on not ready: the service is stopping (load balancers and probes should look elsewhere). */
    public void shuttingDown() {
        closing = true;
    }

    @Override
    public void close() {
        stream.close();
        postgres.close();
    }

    private static Status streamStatus(NatsConnectionCheck nats, JetStreamManagement jsm, String streamName) {
        if (!nats.connected()) {
            return Status.notReady("stream " + streamName + " not reachable: no NATS connection");
        }
        try {
            jsm.getStreamInfo(streamName);
            return Status.ready("stream " + streamName + " reachable");
        } catch (IOException | JetStreamApiException e) {
            return Status.notReady("stream " + streamName + " not reachable: " + e.getMessage());
        }
    }
}
