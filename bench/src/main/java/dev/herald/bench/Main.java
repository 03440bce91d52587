package dev.herald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.herald.bench.cli.BenchConfig;
import dev.herald.bench.client.SocketPool;
import dev.herald.bench.fleet.Fleet;
import dev.herald.bench.fleet.LocalFleet;
import dev.herald.bench.fleet.ProcessFleet;
import dev.herald.bench.fleet.WireFormat;
import dev.herald.bench.fleet.WorkerCommand;
import dev.herald.bench.fleet.WorkerMain;
import dev.herald.bench.identity.BenchUser;
import dev.herald.bench.identity.TokenFile;
import dev.herald.bench.identity.TokenMinter;
import dev.herald.bench.measure.HeapProbe;
import dev.herald.bench.measure.MinuteWindows;
import dev.herald.bench.measure.ProcessSampler;
import dev.herald.bench.measure.Ticker;
import dev.herald.bench.report.RunReport;
import dev.herald.bench.report.SummaryTable;
import dev.herald.bench.run.Coordinator;
import dev.herald.bench.scenario.Mode;
import dev.herald.bench.scenario.RoomSetup;
import dev.herald.bench.scenario.Worker;
import dev.herald.bench.scenario.WorkerPlan;
import dev.herald.bench.soak.ServiceHeapProbe;
import dev.herald.config.CommandLine.UsageException;
import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The load generator's command line (see {@link BenchConfig#USAGE}). Wires everything by hand: in the parent, a
 * {@link Coordinator} over a {@link LocalFleet} (one process) or a {@link ProcessFleet} (child JVMs started with
 * {@code --worker N}); in a child, a {@link WorkerMain}. Exit status: 0 passed, 1 failed to run, 2 bad usage,
 * 3 something was lost or duplicated, 4 (soak) a service's old generation grew past the tolerance.
 */
public final class Main {

    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int LOST_OR_DUPLICATED = 3;
    static final int HEAP_GREW = 4;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Ticker ticker = Ticker.system();

    public static void main(String[] args) {
        System.exit(new Main().run(Arrays.asList(args), System.out, System.err));
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        final BenchConfig config;
        try {
            config = BenchConfig.parse(args, mapper);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(BenchConfig.USAGE);
            return USAGE;
        }
        if (args.contains("--quiet")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        try {
            return config.worker() != null ? runWorker(config, config.worker(), out) : runParent(config, args, out,
                                                                                                   err);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return FAILED;
        }
    }

    private int runParent(BenchConfig config, List<String> args, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        final String tag = config.tag() != null ? config.tag() : newTag(config);
        final long seed = config.seed() != null ? config.seed() : ThreadLocalRandom.current().nextLong();
        final int workers = config.effectiveProcesses();
        final MinuteWindows minutes = new MinuteWindows(config.minutes());
        final RunReport report;
        try (ProcessSampler sampler = new ProcessSampler(config.serverPids(), Path.of("/proc"), ticker);
             Fleet fleet = workers == 1 ? localFleet(config, config.plan(0, 1, tag, seed), minutes)
                     : processFleet(args, workers, tag, seed)) {
            report = new Coordinator(config, tag, fleet, sampler, HeapProbe.ofRunningJdk(), ticker, minutes,
                                     ServiceHeapProbe.ofRunningJdk()).run();
        }
        final String json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        out.println(json);
        out.flush();
        if (config.out() != null) {
            final Path parent = config.out().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(config.out(), json + "\n");
        }
        new SummaryTable(err).print(report);
        if (report.connections().established() == 0) {
            return FAILED;
        }
        if (!report.zeroLost() || !report.zeroDuplicated()) {
            return LOST_OR_DUPLICATED;
        }
        return report.soak() == null || report.soak().heapPassed() ? 0 : HEAP_GREW;
    }

    private int runWorker(BenchConfig config, int worker, PrintStream out) throws IOException, InterruptedException {
        if (config.tag() == null || config.seed() == null) {
            throw new IllegalArgumentException("--worker needs --tag and --seed (the parent passes them)");
        }
        final WorkerPlan plan = config.plan(worker, config.effectiveProcesses(), config.tag(), config.seed());
        final List<BenchUser> users = users(config, plan);
        final Worker running = worker(config, plan, new MinuteWindows(1));
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return new WorkerMain(running, users, in, out, new WireFormat(mapper)).run();
    }

    private LocalFleet localFleet(BenchConfig config, WorkerPlan plan, MinuteWindows minutes)
            throws UnknownHostException {
        final List<BenchUser> users = users(config, plan);
        return new LocalFleet(worker(config, plan, minutes), users);
    }

    private ProcessFleet processFleet(List<String> args, int workers, String tag, long seed) {
        final WorkerCommand command = WorkerCommand.ofThisJvm(Main.class.getName());
        final List<List<String>> commands = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            commands.add(command.command(args, w, tag, seed));
        }
        return new ProcessFleet(commands, new WireFormat(mapper));
    }

    private Worker worker(BenchConfig config, WorkerPlan plan, MinuteWindows minutes) throws UnknownHostException {
        final SocketPool pool = new SocketPool(config.urls(), sourceAddresses(config), config.protocol(), ticker);
        final RoomSetup roomSetup = config.mode() == Mode.ROOM ? new RoomSetup(mapper, config.urls().get(0)) : null;
        return new Worker(plan, config.protocol(), pool, ticker, minutes, roomSetup);
    }

    private static List<InetAddress> sourceAddresses(BenchConfig config) throws UnknownHostException {
        final List<InetAddress> addresses = new ArrayList<>();
        for (String address : config.localAddrs()) {
            addresses.add(InetAddress.getByName(address));
        }
        return addresses;
    }

    /** This worker's users: a slice of the token file, or freshly minted Herald development tokens. */
    private List<BenchUser> users(BenchConfig config, WorkerPlan plan) {
        if (config.tokens() != null) {
            final List<BenchUser> all = TokenFile.read(config.tokens(), mapper);
            if (all.size() < config.conns()) {
                throw new IllegalArgumentException("need " + config.conns() + " users, " + config.tokens()
                                                   + " has " + all.size());
            }
            return all.subList(plan.userFrom(), plan.userTo());
        }
        final DevTokenIssuer issuer = new DevTokenIssuer(DevKeys.loadOrCreate(config.idpDir()), config.issuer(),
                                                         config.audience(), Clock.systemUTC());
        return new TokenMinter(issuer, config.userPrefix()).mint(plan.userFrom(), plan.userTo());
    }

    private static String newTag(BenchConfig config) {
        return "bench-" + config.mode().label() + "-" + Long.toString(System.currentTimeMillis(), 36) + "-"
               + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36)
                       .toLowerCase(Locale.ROOT);
    }
}
