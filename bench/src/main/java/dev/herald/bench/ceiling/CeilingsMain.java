package dev.herald.bench.ceiling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Measures, in one run: the worker alone on a pre-filled stream, raw PostgreSQL COPY of the same rows into the same
 * schema and into the same tables with their primary keys only, and raw JetStream publishing; prints each rate, the
 * worker as a fraction of COPY into the same schema ({@code workerFractionOfCopy}, issue 16's target: at least 0.9)
 * and that COPY as a fraction of COPY with primary keys only ({@code copyFractionOfPrimaryKeysOnly}, target: at least
 * 0.8). Usage: {@code java -cp herald-bench-all.jar dev.herald.bench.ceiling.CeilingsMain [--nats URL] [--pg-host
 * 127.0.0.1:5432] [--pg-user postgres] [--messages 200000] [--worker-jar PATH] [--worker-env
 * K=V;K=V] [--compare-env K=V;K=V] [--worker-log PATH] [--indexes schema|primary-keys] [--schema-sql SQL] [--rounds 1]
 * [--workers 1,2,3]}. {@code --workers} also runs the worker as that many processes on the one consumer (reported as
 * {@code workers<N>MessagesPerS} and as a ratio to one worker), and then measures nothing else. {@code --compare-env} runs the worker a
 * second time with other settings (reported as {@code compare*}); {@code --indexes primary-keys} runs the worker on
 * the tables with their primary keys only (the first COPY likewise); {@code --schema-sql} runs a
 * statement after migrating every database that keeps the schema's indexes (e.g. an older build's index, to measure
 * that build's worker jar on its own schema); {@code --rounds} repeats
 * everything, alternating the variants, and ends with the median of each figure.
 */
public final class CeilingsMain {

    private CeilingsMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String nats = options.getOrDefault("--nats", "nats://127.0.0.1:4222");
        String pgHost = options.getOrDefault("--pg-host", "127.0.0.1:5432");
        String user = options.getOrDefault("--pg-user", "postgres");
        int messages = Integer.parseInt(options.getOrDefault("--messages", "200000"));
        Path workerJar = Path.of(options.getOrDefault("--worker-jar", findWorkerJar()));
        FreshSchema.Indexes indexes = switch (options.getOrDefault("--indexes", "schema")) {
            case "schema" -> FreshSchema.Indexes.SCHEMA;
            case "primary-keys" -> FreshSchema.Indexes.PRIMARY_KEYS_ONLY;
            default -> throw new IllegalArgumentException("--indexes must be schema or primary-keys: "
                    + options.get("--indexes"));
        };
        Map<String, String> workerEnv = env(options.getOrDefault("--worker-env", ""));

        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "1"));
        Map<String, String> compareEnv = options.containsKey("--compare-env") ? env(options.get("--compare-env")) : null;

        List<Integer> workerCounts = Arrays.stream(options.getOrDefault("--workers", "1").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        Databases databases = new Databases(pgHost, user);
        String schemaSql = options.getOrDefault("--schema-sql", "");
        var ceiling = new WorkerAloneCeiling(nats, user, workerJar, indexes, schemaSql,
                options.containsKey("--worker-log") ? Path.of(options.get("--worker-log")) : null);
        List<Map<String, Object>> reports = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // Alternated within each round, so load from outside hits every variant alike.
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("round", round);
            report.put("messages", messages);
            report.put("indexes", '"' + indexes.name() + '"');
            if (!workerCounts.equals(List.of(1))) {
                double one = 0;
                for (int workers : workerCounts) {
                    var rate = databases.with(url -> ceiling.run(url, messages, workerEnv, workers));
                    report.put("workers" + workers + "MessagesPerS", Math.round(rate.messagesPerSecond()));
                    report.put("workers" + workers + "Stored", rate.stored());
                    if (workers == 1) {
                        one = rate.messagesPerSecond();
                    } else if (one > 0) {
                        report.put("workers" + workers + "OfOne", fraction(rate.messagesPerSecond(), one));
                    }
                }
                System.out.println(json(report));
                reports.add(report);
                continue;
            }
            var worker = databases.with(url -> ceiling.run(url, messages, workerEnv));
            report.put("workerMessagesPerS", Math.round(worker.messagesPerSecond()));
            report.put("workerStored", worker.stored());
            report.put("workerReceipts", worker.receipts());
            double copy = databases.with(url -> new CopyCeiling(url, user, schemaSql).run(messages, indexes));
            if (compareEnv != null) {
                var compare = databases.with(url -> ceiling.run(url, messages, compareEnv));
                report.put("compareMessagesPerS", Math.round(compare.messagesPerSecond()));
                report.put("compareStored", compare.stored());
                report.put("compareReceipts", compare.receipts());
                report.put("compareFractionOfCopy", fraction(compare.messagesPerSecond(), copy));
            }
            double primaryKeysOnly = databases.with(url -> new CopyCeiling(url, user, schemaSql)
                    .run(messages, FreshSchema.Indexes.PRIMARY_KEYS_ONLY));
            report.put("copyMessagesPerS", Math.round(copy));
            report.put("copyPrimaryKeysOnlyMessagesPerS", Math.round(primaryKeysOnly));
            report.put("workerFractionOfCopy", fraction(worker.messagesPerSecond(), copy));
            report.put("copyFractionOfPrimaryKeysOnly", fraction(copy, primaryKeysOnly));
            if (round == rounds) {
                report.put("jetStreamPublishPerS", Math.round(new JetStreamPublishCeiling(nats).run(messages, 4096)));
            }
            System.out.println(json(report));
            reports.add(report);
        }
        if (rounds > 1) {
            Map<String, Object> medians = new LinkedHashMap<>();
            medians.put("medianOfRounds", rounds);
            for (String key : reports.getFirst().keySet()) {
                if (key.endsWith("PerS") || key.endsWith("OfCopy") || key.endsWith("OfOne")
                        || key.endsWith("OfPrimaryKeysOnly")) {
                    medians.put(key, median(reports.stream().filter(r -> r.containsKey(key))
                            .map(r -> Double.parseDouble(r.get(key).toString())).toList()));
                }
            }
            System.out.println(json(medians));
        }
    }

    private static String fraction(double rate, double copy) {
        return String.format(Locale.ROOT, "%.3f", rate / copy);
    }

    private static String median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return median < 10 ? String.format(Locale.ROOT, "%.3f", median) : Long.toString(Math.round(median));
    }

    private static String json(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v));
        return json.append('}').toString();
    }

    /** {@code K=V;K=V} as a map (semicolons, so values such as JVM options may hold commas). */
    private static Map<String, String> env(String list) {
        Map<String, String> env = new HashMap<>();
        for (String pair : list.split(";")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                env.put(kv[0].strip(), kv[1].strip());
            }
        }
        return env;
    }

    private static String findWorkerJar() throws Exception {
        try (var jars = Files.list(Path.of("persistence-worker/target"))) {
            return jars.filter(p -> p.getFileName().toString().endsWith("-all.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build persistence-worker first (mvn package)"))
                    .toString();
        }
    }

    /** A fresh database per measurement, dropped afterwards. */
    private record Databases(String pgHost, String user) {

        interface Measurement<T> {
            T run(String jdbcUrl) throws Exception;
        }

        <T> T with(Measurement<T> measurement) throws Exception {
            String db = "herald_ceiling_" + UUID.randomUUID().toString().substring(0, 8);
            String admin = "jdbc:postgresql://" + pgHost + "/postgres";
            try (var c = DriverManager.getConnection(admin, user, ""); var s = c.createStatement()) {
                s.execute("create database " + db);
            }
            try {
                return measurement.run("jdbc:postgresql://" + pgHost + "/" + db);
            } finally {
                try (var c = DriverManager.getConnection(admin, user, ""); var s = c.createStatement()) {
                    s.execute("drop database if exists " + db + " with (force)");
                }
            }
        }
    }
}
