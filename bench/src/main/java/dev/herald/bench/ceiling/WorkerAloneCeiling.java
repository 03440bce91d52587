package dev.herald.bench.ceiling;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The persistence-worker alone: a stream pre-filled with message events (configured like
 * Herald's), then the real worker jar started against an empty database; the rate is rows stored
 * per second between the first and the last row (JVM start-up excluded).
 */
final class WorkerAloneCeiling {

    record Result(double messagesPerSecond, long stored, long receipts) {}

    private final String natsUrl;
    private final String user;
    private final Path workerJar;
    private final boolean trigram;
    private final @Nullable Path log;

    /** {@code log}: where the worker's output goes (appended), or null to discard it. */
    WorkerAloneCeiling(String natsUrl, String user, Path workerJar, boolean trigram, @Nullable Path log) {
        this.log = log;
        this.natsUrl = natsUrl;
        this.user = user;
        this.workerJar = workerJar;
        this.trigram = trigram;
    }

    /** Migrates the empty database at {@code jdbcUrl} (the worker finds it up to date), then measures. */
    Result run(String jdbcUrl, int messages, Map<String, String> workerEnv) throws Exception {
        FreshSchema.migrate(jdbcUrl, user, trigram);
        String stream = "CEILING_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        String prefix = stream.toLowerCase();
        try (Connection nats = Nats.connect(natsUrl)) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(prefix + ".>")
                    .storageType(StorageType.File).retentionPolicy(RetentionPolicy.Limits)
                    .maxAge(Duration.ofDays(7)).duplicateWindow(Duration.ofMinutes(2)).build());
            JetStream js = nats.jetStream();
            SampleEvents events = new SampleEvents();
            ArrayDeque<CompletableFuture<PublishAck>> inFlight = new ArrayDeque<>();
            for (int i = 0; i < messages; i++) {
                if (inFlight.size() >= 4096) {
                    inFlight.poll().get();
                }
                inFlight.add(js.publishAsync(prefix + ".message", events.message(i).toByteArray(),
                        PublishOptions.builder().messageId(stream + i).build()));
            }
            for (var ack : inFlight) {
                ack.get();
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-jar", workerJar.toString()));
        builder.environment().putAll(workerEnv);
        builder.environment().put("HERALD_NATS_URL", natsUrl);
        builder.environment().put("HERALD_NATS_STREAM", stream);
        builder.environment().put("HERALD_NATS_SUBJECT_PREFIX", prefix);
        builder.environment().put("HERALD_WORKER_DURABLE", "ceiling-" + prefix);
        builder.environment().put("HERALD_DB_URL", jdbcUrl);
        builder.environment().put("HERALD_DB_USER", user);
        builder.redirectErrorStream(true).redirectOutput(
                log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process worker = builder.start();
        try {
            long firstRowAt = 0;
            long lastCount = -1;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < deadline) {
                long count = count(jdbcUrl, "select count(*) from messages");
                if (count > 0 && firstRowAt == 0) {
                    firstRowAt = System.nanoTime();
                    lastCount = count;
                }
                if (count >= messages) {
                    double seconds = (System.nanoTime() - firstRowAt) / 1e9;
                    // The first poll that saw rows already counted some; rate over the rest.
                    return new Result((messages - lastCount) / seconds, count, count(jdbcUrl, "select count(*) from receipts"));
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("worker did not store " + messages + " messages in 10 minutes");
        } finally {
            worker.destroy();
            worker.waitFor();
            try (Connection nats = Nats.connect(natsUrl)) {
                nats.jetStreamManagement().deleteStream(stream);
            }
        }
    }

    private long count(String jdbcUrl, String sql) throws Exception {
        try (var c = DriverManager.getConnection(jdbcUrl, user, ""); var s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

}
