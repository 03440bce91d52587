package dev.herald.bench.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.herald.bench.client.ConnectOutcome;
import dev.herald.bench.client.Connection;
import dev.herald.bench.client.SocketPool;
import dev.herald.bench.identity.BenchUser;
import dev.herald.bench.measure.MinuteWindows;
import dev.herald.bench.measure.Ticker;
import dev.herald.bench.protocol.Protocol;
import dev.herald.bench.report.ConnectReport;
import dev.herald.bench.report.PhaseReport;
import dev.herald.bench.report.WorkerReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process's share of a run: {@link #connect} puts its users online, {@link #runPhase} runs the scenario on
 * them and reports, {@link #close} closes the sockets. The parent process calls these in order, directly or
 * through a child process's standard input.
 */
public final class Worker implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(Worker.class);

    private final WorkerPlan plan;
    private final Protocol protocol;
    private final SocketPool pool;
    private final Ticker ticker;
    private final InboundRouter router;
    private final MinuteWindows minutes;
    private @Nullable ConnectOutcome connected;
    private @Nullable ConnectReport connectReport;
    private final @Nullable RoomSetup roomSetup;
    private @Nullable String room;

    public Worker(WorkerPlan plan, Protocol protocol, SocketPool pool, Ticker ticker) {
        this(plan, protocol, pool, ticker, new MinuteWindows(1), null);
    }

    /**
     * A worker whose send phase also books its traffic minute by minute in {@code minutes} (the soak); in a
     * {@code room} run, {@code roomSetup} makes the room once its users are online.
     */
    public Worker(WorkerPlan plan, Protocol protocol, SocketPool pool, Ticker ticker, MinuteWindows minutes,
                  @Nullable RoomSetup roomSetup) {
        checkArgument(plan.mode() != Mode.ROOM || roomSetup != null, "roomSetup: null (expected: one in a room run)");
        this.roomSetup = roomSetup;
        this.minutes = requireNonNull(minutes, "minutes");
        this.plan = requireNonNull(plan, "plan");
        this.protocol = requireNonNull(protocol, "protocol");
        this.pool = requireNonNull(pool, "pool");
        this.ticker = requireNonNull(ticker, "ticker");
        this.router = new InboundRouter(protocol, plan.tag(), plan.seqs());
    }

    /** Opens a socket per user and waits for every {@code online} ack (or failure). */
    public ConnectReport connect(List<BenchUser> users) throws InterruptedException {
        checkState(connected == null, "already connected");
        final ConnectOutcome outcome = pool.connectAll(users, plan.connectConcurrency(), plan.connectRate(), router);
        connected = outcome;
        connectReport = new ConnectReport(users.size(), outcome.established(), outcome.failed(),
                                          outcome.startEpochMs(), outcome.endEpochMs(),
                                          outcome.latencyMicros().snapshot(), outcome.failureKinds());
        logger.info("worker {}: {}/{} online in {} ms ({} failed)", plan.worker(), outcome.established(),
                    users.size(), outcome.endEpochMs() - outcome.startEpochMs(), outcome.failed());
        if (roomSetup != null && !outcome.online().isEmpty()) {
            final List<BenchUser> online = outcome.online().stream().map(Connection::user).toList();
            room = roomSetup.create(online.getFirst(), online.subList(1, online.size()), plan.tag());
        }
        return connectReport;
    }

    /** Runs the scenario on the online sockets and returns all this process measured. */
    public WorkerReport runPhase() throws InterruptedException {
        checkState(connected != null && connectReport != null, "connect first");
        final List<Connection> online = connected.online();
        final long epochMs = System.currentTimeMillis();
        final long nanos = ticker.nanos();
        final Scenario.Outcome outcome = Scenario.of(plan, protocol, ticker, minutes, room).run(online, router);
        final OpenLoopSender.Timing timing = outcome.timing();
        final PhaseReport phase = new PhaseReport(
                outcome.counts(),
                timing == null ? 0 : epoch(epochMs, nanos, timing.startNanos()),
                timing == null ? 0 : epoch(epochMs, nanos, timing.endNanos()),
                timing == null ? 0 : timing.seconds(),
                epoch(epochMs, nanos, outcome.lastDeliveryNanos()),
                timing == null ? 0 : timing.maxLagMs(),
                pool.stillOpen(),
                router.closedUnexpectedly(),
                cpuSeconds());
        return new WorkerReport(plan.worker(), withEarlyErrors(connectReport), phase);
    }

    @Override
    public void close() {
        pool.close();
    }

    private ConnectReport withEarlyErrors(ConnectReport report) {
        final Map<String, Long> early = router.earlyErrors();
        if (early.isEmpty()) {
            return report;
        }
        final Map<String, Long> kinds = new TreeMap<>(report.failureKinds());
        early.forEach((kind, n) -> kinds.merge("after online: " + kind, n, Long::sum));
        return new ConnectReport(report.attempted(), report.established(), report.failed(), report.startEpochMs(),
                                 report.endEpochMs(), report.latencyMicros(), kinds);
    }

    private static long epoch(long epochMs, long nanos, long atNanos) {
        return epochMs + Duration.ofNanos(atNanos - nanos).toMillis();
    }

    private static long epoch(long epochMs, long nanos, OptionalLong atNanos) {
        return atNanos.isPresent() ? epoch(epochMs, nanos, atNanos.getAsLong()) : 0;
    }

    private static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }
}
