package dev.herald.bench.ceiling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Measures, in one run: the worker alone on a pre-filled stream, raw PostgreSQL COPY of the same
 * rows, and raw JetStream publishing; prints each rate and the worker as a fraction of COPY.
 * Usage: {@code java -cp herald-bench-all.jar dev.herald.bench.ceiling.CeilingsMain
 * [--nats URL] [--pg-host 127.0.0.1:5432] [--pg-user postgres] [--messages 200000] [--worker-jar PATH]}
 */
public final class CeilingsMain {

    private CeilingsMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String nats = options.getOrDefault("--nats", "nats://127.0.0.1:4222");
        String pgHost = options.getOrDefault("--pg-host", "127.0.0.1:5432");
        String user = options.getOrDefault("--pg-user", "postgres");
        int messages = Integer.parseInt(options.getOrDefault("--messages", "200000"));
        Path workerJar = Path.of(options.getOrDefault("--worker-jar", findWorkerJar()));

        String db = "herald_ceiling_" + UUID.randomUUID().toString().substring(0, 8);
        String admin = "jdbc:postgresql://" + pgHost + "/postgres";
        try (var c = DriverManager.getConnection(admin, user, ""); var s = c.createStatement()) {
            s.execute("create database " + db);
        }
        String jdbcUrl = "jdbc:postgresql://" + pgHost + "/" + db;
        try {
            String stream = "CEILING_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
            var worker = new WorkerAloneCeiling(nats, jdbcUrl, user, workerJar).run(messages, stream, Map.of());
            double copy = new CopyCeiling(jdbcUrl, user).run(messages);
            double publish = new JetStreamPublishCeiling(nats).run(messages, 4096);
            System.out.printf(Locale.ROOT, "{\"messages\":%d,\"workerMessagesPerS\":%.0f,\"workerStored\":%d,"
                            + "\"workerReceipts\":%d,\"copyMessagesPerS\":%.0f,\"workerFractionOfCopy\":%.3f,"
                            + "\"jetStreamPublishPerS\":%.0f}%n", messages, worker.messagesPerSecond(), worker.stored(),
                    worker.receipts(), copy, worker.messagesPerSecond() / copy, publish);
        } finally {
            try (var c = DriverManager.getConnection(admin, user, ""); var s = c.createStatement()) {
                s.execute("drop database if exists " + db + " with (force)");
            }
        }
    }

    private static String findWorkerJar() throws Exception {
        try (var jars = Files.list(Path.of("persistence-worker/target"))) {
            return jars.filter(p -> p.getFileName().toString().endsWith("-all.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build persistence-worker first (mvn package)"))
                    .toString();
        }
    }
}
