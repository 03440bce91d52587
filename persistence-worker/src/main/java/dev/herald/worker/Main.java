package dev.herald.worker;

import dev.herald.schema.Database;
import dev.herald.worker.config.WorkerConfig;
import dev.herald.stream.EventStream;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * Starts the persistence-worker from {@code HERALD_*} environment variables (see
 * {@link WorkerConfig}) and stops it gracefully on SIGTERM.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        WorkerConfig config = WorkerConfig.fromEnv(System.getenv());
        Database database = new Database(config.database(), "persistence-worker");
        Connection nats = null;
        try {
            database.migrate();
            nats = Nats.connect(new Options.Builder()
                    .server(config.natsUrl())
                    .connectionName("herald-persistence-worker")
                    .maxReconnects(-1)
                    .build());
            EventStream.ensure(nats, config.stream(), config.subjectPrefix());
        } catch (Exception e) {
            if (nats != null) {
                nats.close();
            }
            database.close();
            throw e;
        }
        PersistenceWorker worker = new PersistenceWorker(config, nats, database);
        try {
            worker.start();
        } catch (Exception e) {
            worker.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // stderr, since the logger may have been reset by now.
            System.err.println("*** shutting down the persistence-worker since the JVM is shutting down");
            worker.close();
            System.err.println("*** persistence-worker shut down");
        }, "persistence-worker-shutdown"));
    }
}
