package dev.herald.worker;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.herald.config.ServiceStartup;
import dev.herald.logging.JulBridge;
import dev.herald.observability.ServiceMeters;
import dev.herald.schema.Database;
import dev.herald.schema.SchemaPrivileges;
import dev.herald.stream.EventStream;
import dev.herald.worker.config.WorkerConfig;
import dev.herald.worker.ops.WorkerOperations;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the persistence-worker from {@code HERALD_*} environment variables (see {@link WorkerConfig}); a value
 * that cannot be used stops it with one line on stderr and exit status 2, a failed start with one line and exit
 * status 1. SIGTERM stops it gracefully.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        ServiceStartup startup = ServiceStartup.of("persistence-worker");
        WorkerConfig config = startup.configuration(() -> WorkerConfig.fromEnv(System.getenv()));
        JulBridge.install();
        PersistenceWorker worker = startup.start(() -> start(config));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // stderr, since the logger may have been reset by its own shutdown hook.
            System.err.println("herald persistence-worker: shutting down");
            worker.close();
            System.err.println("herald persistence-worker: stopped");
        }, "herald-persistence-worker-shutdown"));
    }

    /** Checks that the schema is current, connects to NATS, makes sure the stream exists and starts consuming. */
    private static PersistenceWorker start(WorkerConfig config) throws Exception {
        // Only now: the first logger sets logback up, which would complain of a bad HERALD_LOG_FORMAT on its own.
        Logger logger = LoggerFactory.getLogger(Main.class);
        // No URLs: a NATS or JDBC URL may carry credentials.
        logger.atDebug().addKeyValue("stream", config.events().stream())
                .addKeyValue("consumer", config.events().workerDurable())
                .addKeyValue("batchSize", config.batchSize())
                .addKeyValue("batchMaxWaitMs", config.batchMaxWait().toMillis())
                .addKeyValue("pullAheadBatches", config.pullAheadBatches())
                .addKeyValue("ackWaitSeconds", config.ackWait().toSeconds())
                .addKeyValue("copy", config.copy())
                .addKeyValue("poolSize", config.database().poolSize())
                .log("persistence-worker configuration read");
        PrometheusMeterRegistry registry = ServiceMeters.create(WorkerOperations.SERVICE);
        Database database = new Database(config.database(), WorkerOperations.SERVICE,
                new MicrometerMetricsTrackerFactory(registry));
        Connection nats = null;
        try {
            database.requireCurrentSchema();
            new SchemaPrivileges(database.dsl()).warnIfBeyondRowAccess(logger, config.database().user());
            nats = Nats.connect(new Options.Builder()
                    .server(config.events().natsUrl())
                    .connectionName("herald-persistence-worker")
                    .maxReconnects(-1)
                    .build());
            EventStream.ensure(nats, config.events().stream(), config.events().subjectPrefix(),
                    config.events().replicas());
        } catch (Exception e) {
            if (nats != null) {
                nats.close();
            }
            database.close();
            throw e;
        }
        PersistenceWorker worker = new PersistenceWorker(config, nats, database, registry);
        try {
            worker.start();
            return worker;
        } catch (Exception e) {
            worker.close();
            throw e;
        }
    }
}
