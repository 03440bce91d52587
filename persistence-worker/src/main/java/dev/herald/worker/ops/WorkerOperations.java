package dev.herald.worker.ops;

import dev.herald.observability.OpsHttpServer;
import dev.herald.observability.PeriodicCheck;
import dev.herald.observability.Readiness;
import dev.herald.observability.ReadinessCheck.Status;
import dev.herald.schema.Database;
import dev.herald.stream.NatsConnectionCheck;
import dev.herald.worker.config.WorkerConfig;
import dev.herald.worker.consume.BatchConsumer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import java.io.IOException;
import java.time.Duration;

/**
 * A worker's operations endpoint and what it serves. Ready ("consuming") when the NATS connection is up
 * ({@code nats}), the batch loop runs on an open pull subscription and began an iteration within
 * {@link #LOOP_MAX_IDLE} ({@code consumer}), and PostgreSQL answers {@code select 1} ({@code postgresql}, asked
 * every {@link #EVERY}, stale after {@link #STALE_AFTER}).
 */
public final class WorkerOperations implements AutoCloseable {

    public static final String SERVICE = "persistence-worker";
    static final Duration EVERY = Duration.ofSeconds(2);
    /** The pool's 5 s connection timeout and the query's 2 s, plus a round of slack. */
    static final Duration STALE_AFTER = Duration.ofSeconds(10);
    /** Far beyond a write and the backoff cap's default (5 s): a loop this quiet is stuck. */
    static final Duration LOOP_MAX_IDLE = Duration.ofSeconds(30);
    private static final Duration LAG_EVERY = Duration.ofSeconds(5);

    private final PeriodicCheck postgres;
    private final ConsumerLag lag;
    private final OpsHttpServer http;

    private WorkerOperations(PeriodicCheck postgres, ConsumerLag lag, OpsHttpServer http) {
        this.postgres = postgres;
        this.lag = lag;
        this.http = http;
    }

    /** Starts the lag reader, the readiness checks and the endpoint ({@code HERALD_OPS_HOST}:{@code _PORT}). */
    public static WorkerOperations start(WorkerConfig config, Connection nats, Database database,
            BatchConsumer consumer, PrometheusMeterRegistry registry) throws IOException {
        NatsConnectionCheck natsState = new NatsConnectionCheck(nats).bindTo(registry);
        PeriodicCheck postgres = PeriodicCheck.start("postgresql", EVERY, STALE_AFTER, () -> {
            database.ping();
            return Status.ready("select 1 answered");
        });
        ConsumerLag lag = null;
        try {
            lag = ConsumerLag.start(nats.jetStreamManagement(), config.events().stream(),
                    config.events().workerDurable(), LAG_EVERY, registry);
            Readiness readiness = new Readiness()
                    .add("nats", natsState)
                    .add("consumer", () -> consuming(consumer, config))
                    .add("postgresql", postgres);
            return new WorkerOperations(postgres, lag, OpsHttpServer.start(config.ops(), registry, readiness, SERVICE));
        } catch (IOException | RuntimeException e) {
            postgres.close();
            if (lag != null) {
                lag.close();
            }
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        lag.close();
        postgres.close();
    }

    private static Status consuming(BatchConsumer consumer, WorkerConfig config) {
        String consumerName = config.events().workerDurable();
        if (consumer.consuming(LOOP_MAX_IDLE)) {
            return Status.ready("consuming " + consumerName);
        }
        return Status.notReady("not consuming " + consumerName + ": last loop iteration "
                + consumer.sinceLastIteration().toSeconds() + " s ago, or stopped");
    }
}
