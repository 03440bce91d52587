package dev.herald.bench.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.bench.protocol.Protocol;
import dev.herald.bench.scenario.Mode;
import dev.herald.bench.scenario.WorkerPlan;
import dev.herald.config.CommandLine;
import dev.herald.config.CommandLine.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a run is told on its command line, validated. See {@link #USAGE} for names and defaults.
 *
 * @param jdbcUrl   null with {@code --no-db} and in modes that send nothing
 * @param worker    set in a worker process only
 * @param tag       the run tag (every message's title); null lets the coordinator make one
 * @param seed      random seed of receiver picking; null picks one
 * @param heapTolerancePct soak: how much the old generation after a full collection may grow from minute 2 to
 *                  the last minute, in percent
 */
public record BenchConfig(
        Mode mode,
        Protocol protocol,
        List<URI> urls,
        int conns,
        int senders,
        double rate,
        int durationS,
        int fanout,
        int holdS,
        int connectConcurrency,
        double connectRate,
        List<String> localAddrs,
        List<Long> serverPids,
        @Nullable String jdbcUrl,
        int settleMaxS,
        int drainTimeoutS,
        int drainStallS,
        int bodyBytes,
        @Nullable Path out,
        String label,
        int processes,
        @Nullable Path tokens,
        Path idpDir,
        String issuer,
        String audience,
        String userPrefix,
        boolean heap,
        double heapTolerancePct,
        boolean waitIdle,
        @Nullable Integer worker,
        @Nullable String tag,
        @Nullable Long seed) {

    /** Sockets one process opens at most: the hard limit of open files here is 20,000. */
    public static final int MAX_SOCKETS_PER_PROCESS = 18_000;

    public static final String USAGE = """
            usage: java -jar herald-bench-all.jar [options]
              --mode direct|fanout|room|idle|connect|soak   what to do after connecting [direct]; room: one room
                                                  of all --conns users (made while connecting), messages to it
              --protocol herald|nest-seed         server protocol [herald]
              --url URL[,URL...]                  [herald ws://127.0.0.1:8080/ws, nest-seed ws://127.0.0.1:3100/];
                                                  several: sockets spread round-robin over them (several gateways)
              --conns N                           sockets, one user each [1000; soak 10000]
              --senders S                         the first S sockets send [direct 100, fanout 20, room 20,
                                                  soak all]
              --rate R                            messages per second, all senders together [direct 500, fanout 20,
                                                  room 20, soak 2000]
              --duration D                        seconds of sending [20; soak 600, at least 60]
              --fanout K                          receivers per message in fanout mode [100]
              --hold H                            seconds to hold idle sockets [10]
              --connect-concurrency C             sockets opening at once [200]
              --connect-rate R                    sockets started per second, all workers together [0: no pacing]
              --local-addrs A,B                   spread sockets over these source addresses (127.0.0.x)
              --server-pid P,Q                    server processes: CPU and RSS summed from /proc
              --heap                              idle: also read the server JVMs' used heap with jcmd
              --heap-tolerance PCT                soak: old generation growth allowed, minute 2 to last [10]
              --no-idle-wait                      do not wait for the server to go idle before each phase
              --pg JDBC-URL                       where the rows land [herald: .../herald?user=postgres,
                                                  nest-seed: .../nestseed?user=postgres]
              --no-db                             skip the PostgreSQL check
              --settle-max S / --drain-timeout S / --drain-stall S   [600 / 600 / 30]
              --body-bytes B                      pad bodies to at least B bytes [0]
              --processes P                       worker JVMs [1; at least conns/18000]
              --tokens FILE                       users [{id, username, token}] (required for nest-seed)
              --idp-dir DIR --issuer I --audience A   herald dev tokens [.data/idp, herald-dev, herald]
              --user-prefix P                     herald user ids P1..PN [u]
              --out FILE --label TEXT --quiet     report file, free text in the report, fewer logs
              --tag T --seed N                    run tag (message title) and random seed [generated]
            prints the JSON report on stdout and a table on stderr; exits 3 when anything was lost or duplicated
            """;

    static final Set<String> VALUE_OPTIONS = Set.of(
            "mode", "protocol", "url", "conns", "senders", "rate", "duration", "fanout", "hold",
            "connect-concurrency", "connect-rate", "local-addrs", "server-pid", "pg", "settle-max", "drain-timeout",
            "drain-stall", "body-bytes", "out", "label", "processes", "tokens", "idp-dir", "issuer", "audience",
            "user-prefix", "worker", "tag", "seed", "heap-tolerance");
    static final Set<String> FLAGS = Set.of("no-db", "quiet", "heap", "no-idle-wait");

    public BenchConfig {
        requireNonNull(mode, "mode");
        requireNonNull(protocol, "protocol");
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("urls: empty (expected: at least one)");
        }
        localAddrs = List.copyOf(localAddrs);
        serverPids = List.copyOf(serverPids);
        requireNonNull(idpDir, "idpDir");
    }

    public static BenchConfig parse(List<String> args, ObjectMapper mapper) throws UsageException {
        return new ConfigParser(CommandLine.parse(args, VALUE_OPTIONS, FLAGS), mapper).parse();
    }

    /** Messages of the whole run. */
    public int messages() {
        return mode.sendsMessages() ? (int) Math.round(rate * durationS) : 0;
    }

    /** Soak: the minutes of sending, the last one possibly partial. */
    public int minutes() {
        return (durationS + 59) / 60;
    }

    /** Worker processes: as asked, but enough that none holds more than 18,000 sockets. */
    public int effectiveProcesses() {
        return Math.max(processes, (conns + MAX_SOCKETS_PER_PROCESS - 1) / MAX_SOCKETS_PER_PROCESS);
    }

    public WorkerPlan plan(int workerIndex, int workers, String runTag, long runSeed) {
        return WorkerPlan.slice(mode, runTag, workerIndex, workers, conns, senders, messages(), rate, fanout,
                                Duration.ofSeconds(holdS), bodyBytes, connectConcurrency, connectRate,
                                Duration.ofSeconds(settleMaxS), runSeed);
    }

    static List<String> csv(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
