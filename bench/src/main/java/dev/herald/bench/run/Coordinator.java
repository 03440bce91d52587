package dev.herald.bench.run;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.cli.BenchConfig;
import dev.herald.bench.fleet.Fleet;
import dev.herald.bench.measure.HeapProbe;
import dev.herald.bench.measure.MinuteWindows;
import dev.herald.bench.measure.ProcSample;
import dev.herald.bench.measure.ProcessSampler;
import dev.herald.bench.measure.Ticker;
import dev.herald.bench.persist.AuditResult;
import dev.herald.bench.persist.DrainOutcome;
import dev.herald.bench.persist.PersistenceException;
import dev.herald.bench.persist.PersistencePoller;
import dev.herald.bench.persist.RowAudit;
import dev.herald.bench.persist.TableRows;
import dev.herald.bench.report.ConnectTotals;
import dev.herald.bench.report.PhaseTotals;
import dev.herald.bench.report.ReportSections;
import dev.herald.bench.report.RunReport;
import dev.herald.bench.report.Verdict;
import dev.herald.bench.scenario.Mode;
import dev.herald.bench.soak.HeapMinute;
import dev.herald.bench.soak.ServiceHeapProbe;
import dev.herald.bench.soak.SoakMonitor;
import dev.herald.bench.soak.SoakReport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one benchmark from the parent process: waits for the server to be idle, has the fleet connect, waits
 * again, runs the phase while reading the server's CPU and RSS, checks PostgreSQL, and assembles the report.
 * The sockets stay open until the report is complete; the caller closes the fleet. In a soak, a
 * {@link SoakMonitor} reads the servers' heaps at the end of every minute of the phase.
 */
public final class Coordinator {

    private static final Logger logger = LoggerFactory.getLogger(Coordinator.class);

    private final BenchConfig config;
    private final String tag;
    private final Fleet fleet;
    private final ProcessSampler sampler;
    private final HeapProbe heap;
    private final Ticker ticker;
    private final MinuteWindows minutes;
    private final ServiceHeapProbe serviceHeaps;
    private final IdleWaiter idle;
    private final ReportSections sections;

    /**
     * {@code minutes} are the books the (one, local) worker keeps of a soak by send minute; {@code serviceHeaps}
     * reads the servers after a full collection at the end of each of those minutes.
     */
    public Coordinator(BenchConfig config, String tag, Fleet fleet, ProcessSampler sampler, HeapProbe heap,
                       Ticker ticker, MinuteWindows minutes, ServiceHeapProbe serviceHeaps) {
        this.config = requireNonNull(config, "config");
        this.tag = requireNonNull(tag, "tag");
        this.fleet = requireNonNull(fleet, "fleet");
        this.sampler = requireNonNull(sampler, "sampler");
        this.heap = requireNonNull(heap, "heap");
        this.ticker = requireNonNull(ticker, "ticker");
        this.minutes = requireNonNull(minutes, "minutes");
        this.serviceHeaps = requireNonNull(serviceHeaps, "serviceHeaps");
        this.idle = new IdleWaiter(sampler, ticker, config.waitIdle());
        this.sections = new ReportSections(config.protocol().acksMessages());
    }

    public RunReport run() throws IOException, InterruptedException {
        final String startedAt = Instant.now().toString();
        logger.info("run {}: {} {} conns={} senders={} rate={} duration={}s fanout={} processes={}", tag,
                    config.protocol().name(), config.mode().label(), config.conns(), config.senders(), config.rate(),
                    config.durationS(), config.fanout(), config.effectiveProcesses());
        idle.await(Duration.ofSeconds(300));
        final @Nullable TableRows tableRows = config.mode() == Mode.ROOM && config.jdbcUrl() != null
                ? new TableRows(config.jdbcUrl(), TableRows.ROOM_TABLES) : null;
        final Map<String, Long> rowsBeforeConnect = tableRows == null ? Map.of() : tableRows.count();
        final ProcSample before = sampler.sample();
        final ConnectTotals connect = ConnectTotals.of(fleet.connect());
        final ProcSample connected = sampler.sample();
        logger.info("connected {}/{} in {} s ({} failed)", connect.established(), connect.attempted(),
                    connect.seconds(), connect.failed());
        final RunReport.Connections connections = sections.connections(connect, before, connected);

        idle.await(Duration.ofSeconds(120));
        final Map<String, Long> rowsBeforeSending = tableRows == null ? Map.of() : tableRows.count();
        if (config.mode().sendsMessages()) {
            Thread.sleep(500);
        }
        final ProcSample phaseStart = sampler.sample();
        final double ownCpuAtPhaseStart = ownCpuSeconds();
        final CompletableFuture<@Nullable ProcSample> atSendEnd = CompletableFuture.supplyAsync(
                sampler::sample, CompletableFuture.delayedExecutor(config.durationS(), TimeUnit.SECONDS));
        final SoakMonitor monitor = new SoakMonitor(minutes, serviceHeaps, sampler.pids(), ticker);
        if (config.mode() == Mode.SOAK) {
            monitor.start();
        }
        final PhaseTotals phase;
        final List<HeapMinute> heaps;
        try {
            phase = PhaseTotals.of(fleet.runPhase());
        } finally {
            heaps = config.mode() == Mode.SOAK ? monitor.stop(Duration.ofMinutes(3)) : List.of();
        }
        final ProcSample phaseEnd = sampler.sample();
        // Child worker JVMs report their CPU only as a running total: the phase's share is known in one process.
        final @Nullable Double generatorPhaseCpuS = config.effectiveProcesses() > 1
                ? null : ownCpuSeconds() - ownCpuAtPhaseStart;
        final @Nullable SoakReport soak = config.mode() == Mode.SOAK
                ? SoakReport.of(minutes.snapshot(), heaps, config.heapTolerancePct()) : null;

        RunReport.Idle idleSection = null;
        RunReport.Send send = null;
        RunReport.Persistence persistence = null;
        RunReport.Room room = null;
        if (config.mode() == Mode.IDLE) {
            final Double heapMb = config.heap() ? heap.liveHeapMb(sampler.pids()) : null;
            idleSection = sections.idle(config.holdS(), connect.established(), phase, before, phaseStart, phaseEnd,
                                        heapMb);
        }
        if (config.mode().sendsMessages()) {
            send = sections.send(config.rate(), phase, phaseStart, atSendEnd.getNow(phaseEnd), phaseEnd,
                                 generatorPhaseCpuS);
            if (tableRows != null) {
                final long stored = drainRoomMessages(config.jdbcUrl(), phase);
                room = sections.room(connect.established(), phase, send, phaseStart, phaseEnd, stored,
                                     TableRows.written(rowsBeforeConnect, rowsBeforeSending),
                                     TableRows.written(rowsBeforeSending, tableRows.count()));
            } else if (config.jdbcUrl() != null) {
                persistence = persistence(config.jdbcUrl(), phase);
            }
        }
        final Verdict verdict = Verdict.of(send, persistence);
        return new RunReport(
                config.label(), String.join(",", config.urls().stream().map(URI::toString).toList()), config.protocol().name(), config.mode().label(), tag,
                params(), config.effectiveProcesses(), startedAt, before == null ? null : round1(before.rssMb()),
                connections, idleSection, send, persistence, soak, room, verdict.zeroLost(), verdict.zeroDuplicated(),
                generatorCpuSeconds(phase), sampler.rssMaxMb(), Instant.now().toString());
    }

    private RunReport.Persistence persistence(String jdbcUrl, PhaseTotals phase) throws InterruptedException {
        final PersistencePoller poller = new PersistencePoller(jdbcUrl, config.protocol().rowQueries(), tag, ticker);
        try {
            final DrainOutcome drain = poller.drain(phase.sent() - phase.refused(), phase.expectedDeliveries(),
                                                    Duration.ofSeconds(config.drainTimeoutS()),
                                                    Duration.ofSeconds(config.drainStallS()));
            final long lastRowEpochMs = System.currentTimeMillis()
                                        - Duration.ofNanos(ticker.nanos() - drain.lastChangeNanos()).toMillis();
            final RowAudit audit = new RowAudit(phase.expectations());
            poller.audit(audit);
            final AuditResult result = audit.result();
            logger.info("postgres: {} message rows, {} receipts; lost {}, duplicated {}", result.messageRows(),
                        result.receiptRows(), result.lost(), result.duplicated());
            return sections.persistence(phase, drain, result, lastRowEpochMs);
        } catch (PersistenceException e) {
            logger.error("{}", e.getMessage(), e.getCause());
            return sections.persistenceFailed(phase, e.getMessage() + ": " + e.getCause().getMessage());
        }
    }

    /**
     * A room run's messages in PostgreSQL once the worker has stored them all (or stalled). The receipt audit of
     * the other modes does not apply: how many rows a room message writes is what the run measures.
     */
    private long drainRoomMessages(String jdbcUrl, PhaseTotals phase) throws InterruptedException {
        final PersistencePoller poller = new PersistencePoller(jdbcUrl, config.protocol().rowQueries(), tag, ticker);
        return poller.drain(phase.sent() - phase.refused(), 0, Duration.ofSeconds(config.drainTimeoutS()),
                            Duration.ofSeconds(config.drainStallS())).last().messages();
    }

    private RunReport.Params params() {
        return new RunReport.Params(config.conns(), config.senders(), config.rate(), config.durationS(),
                                    config.fanout(), config.holdS(), config.bodyBytes(), config.connectConcurrency(),
                                    config.localAddrs(), config.serverPids());
    }

    /** This process's CPU, plus the workers' when they ran in child processes. */
    private double generatorCpuSeconds(PhaseTotals phase) {
        final double own = ownCpuSeconds();
        return round1(config.effectiveProcesses() > 1 ? own + phase.cpuSeconds() : own);
    }

    private static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
