package dev.herald.bench.ceiling;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The persistence-worker alone: a stream pre-filled with message events (configured like
 * Herald's), then the real worker jar started against an empty database, once or as several processes sharing the
 * durable consumer; the rate is rows stored per second between the first and the last row (JVM start-up excluded).
 */
final class WorkerAloneCeiling {

    record Result(double messagesPerSecond, long stored, long receipts) {}

    private final String natsUrl;
    private final String user;
    private final Path workerJar;
    private final FreshSchema.Indexes indexes;
    private final String schemaSql;
    private final @Nullable Path log;

    /**
     * {@code schemaSql}: run after migrating when the schema's indexes are kept (see
     * {@link FreshSchema}); {@code log}: where the worker's output goes (appended), or null to discard it.
     */
    WorkerAloneCeiling(String natsUrl, String user, Path workerJar, FreshSchema.Indexes indexes, String schemaSql,
            @Nullable Path log) {
        this.schemaSql = schemaSql;
        this.log = log;
        this.natsUrl = natsUrl;
        this.user = user;
        this.workerJar = workerJar;
        this.indexes = indexes;
    }

    /** Migrates the empty database at {@code jdbcUrl} (the worker finds it up to date), then measures. */
    Result run(String jdbcUrl, int messages, Map<String, String> workerEnv) throws Exception {
        return run(jdbcUrl, messages, workerEnv, 1);
    }

    /** As {@link #run(String, int, Map)}, with {@code workers} worker processes on the one durable consumer. */
    Result run(String jdbcUrl, int messages, Map<String, String> workerEnv, int workers) throws Exception {
        FreshSchema.migrate(jdbcUrl, user, indexes, indexes == FreshSchema.Indexes.SCHEMA ? schemaSql : "");
        SampleEvents events = new SampleEvents();
        try (ScratchStream stream = new ScratchStream(natsUrl, "CEILING")) {
            stream.publishPipelined(messages, i -> events.message(i).toByteArray(), 4096);
            return runWorkers(jdbcUrl, stream, messages, events.id(0), events.id(messages - 1), workerEnv, workers);
        }
    }

    /** Starts the workers on the pre-filled stream and times them from the first stored row to the last. */
    private Result runWorkers(String jdbcUrl, ScratchStream stream, int messages, UUID firstId, UUID lastId,
            Map<String, String> workerEnv, int workers) throws Exception {
        List<Process> started = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                started.add(startWorker(jdbcUrl, stream, workerEnv));
            }
            return measure(jdbcUrl, messages, firstId, lastId);
        } finally {
            for (Process worker : started) {
                worker.destroy();
                worker.waitFor();
            }
        }
    }

    private Process startWorker(String jdbcUrl, ScratchStream stream, Map<String, String> workerEnv)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-jar", workerJar.toString()));
        builder.environment().putAll(workerEnv);
        builder.environment().put("HERALD_NATS_URL", natsUrl);
        builder.environment().put("HERALD_NATS_STREAM", stream.name());
        builder.environment().put("HERALD_NATS_SUBJECT_PREFIX", stream.subjectPrefix());
        builder.environment().put("HERALD_WORKER_DURABLE", "ceiling-" + stream.subjectPrefix());
        builder.environment().put("HERALD_DB_URL", jdbcUrl);
        builder.environment().put("HERALD_DB_USER", user);
        builder.environment().put("HERALD_OPS_PORT", "0"); // several workers on one machine: free ports
        builder.redirectErrorStream(true).redirectOutput(
                log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    private Result measure(String jdbcUrl, int messages, UUID firstId, UUID lastId) throws Exception {
        // Primary-key probes on one connection: a count(*) per poll would scan the growing table
        // and take CPU from the workers under test. One worker commits its batches in stream order,
        // so once the last message is there, all are; several may still be writing earlier ones.
        try (java.sql.Connection db = DriverManager.getConnection(jdbcUrl, user, "");
             PreparedStatement stored = db.prepareStatement("select exists (select 1 from messages where id = ?)")) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            awaitStored(stored, firstId, deadline);
            long firstRowAt = System.nanoTime();
            // The first batch is committed already; rate over the rest.
            long already = count(db, "select count(*) from messages");
            awaitStored(stored, lastId, deadline);
            while (count(db, "select count(*) from messages") < messages && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - firstRowAt) / 1e9;
            return new Result((messages - already) / seconds, count(db, "select count(*) from messages"),
                    count(db, "select count(*) from receipts"));
        }
    }

    private static void awaitStored(PreparedStatement stored, UUID id, long deadline) throws Exception {
        stored.setObject(1, id);
        while (System.nanoTime() < deadline) {
            try (ResultSet r = stored.executeQuery()) {
                r.next();
                if (r.getBoolean(1)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the worker did not store message " + id + " in 10 minutes");
    }

    private static long count(java.sql.Connection db, String sql) throws Exception {
        try (var s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
