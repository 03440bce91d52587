package dev.herald.worker.testing;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.herald.observability.ServiceMeters;
import dev.herald.schema.Database;
import dev.herald.stream.EventStream;
import dev.herald.worker.PersistenceWorker;
import dev.herald.worker.config.WorkerConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One test's own stream, subject prefix and durable (uuid-suffixed), on a shared nats-server,
 * and the means to run workers on them.
 */
public final class WorkerScope {

    private final NatsExtension nats;
    private final Map<String, String> env = new HashMap<>();

    /** The stream is created at once, as the message-service would. */
    public WorkerScope(NatsExtension nats, Map<String, String> databaseEnv) {
        this.nats = nats;
        String suffix = UUID.randomUUID().toString().replace("-", "");
        env.putAll(databaseEnv);
        env.put("HERALD_NATS_URL", nats.url());
        env.put("HERALD_NATS_STREAM", "IT_" + suffix);
        env.put("HERALD_NATS_SUBJECT_PREFIX", "it." + suffix);
        env.put("HERALD_WORKER_DURABLE", "worker-" + suffix);
        env.put("HERALD_OPS_PORT", "0"); // a free port: tests run several workers at once
        try {
            EventStream.ensure(nats.connection(), stream(), subjectPrefix(), 1);
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The worker's environment: this scope plus the given overrides. */
    public Map<String, String> env(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(overrides);
        return merged;
    }

    public String stream() {
        return env.get("HERALD_NATS_STREAM");
    }

    public String subjectPrefix() {
        return env.get("HERALD_NATS_SUBJECT_PREFIX");
    }

    public String durable() {
        return env.get("HERALD_WORKER_DURABLE");
    }

    public StreamPublisher publisher() {
        return new StreamPublisher(nats.connection(), subjectPrefix());
    }

    /** Starts an in-process worker with its own connection and pool. */
    public PersistenceWorker startWorker(Map<String, String> overrides) {
        WorkerConfig config = WorkerConfig.fromEnv(env(overrides));
        Connection connection = nats.connect();
        PrometheusMeterRegistry registry = ServiceMeters.create("persistence-worker");
        PersistenceWorker worker = new PersistenceWorker(config, connection,
                new Database(config.database(), "worker", new MicrometerMetricsTrackerFactory(registry)), registry);
        try {
            worker.start();
        } catch (IOException | JetStreamApiException e) {
            worker.close();
            throw new IllegalStateException(e);
        }
        return worker;
    }

    public ConsumerInfo consumerInfo() {
        try {
            return nats.connection().jetStreamManagement().getConsumerInfo(stream(), durable());
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }
}
