package dev.herald.bench.soak;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.MinuteWindows;
import dev.herald.bench.measure.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs beside the soak's send phase: once sending has started, at the end of every minute it reads the servers'
 * heaps after a full collection and logs the minute. {@link #start} returns at once; {@link #stop} ends it (after
 * the last minute, or early when the phase failed) and returns what it read.
 */
public final class SoakMonitor {

    private static final Logger logger = LoggerFactory.getLogger(SoakMonitor.class);
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final MinuteWindows windows;
    private final ServiceHeapProbe probe;
    private final List<Long> pids;
    private final Ticker ticker;
    private final List<HeapMinute> heaps = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public SoakMonitor(MinuteWindows windows, ServiceHeapProbe probe, List<Long> pids, Ticker ticker) {
        this.windows = requireNonNull(windows, "windows");
        this.probe = requireNonNull(probe, "probe");
        this.pids = List.copyOf(pids);
        this.ticker = requireNonNull(ticker, "ticker");
        this.thread = Thread.ofPlatform().daemon().name("soak-monitor").unstarted(this::watch);
    }

    public void start() {
        thread.start();
    }

    /** Waits for the last minute's reading for at most {@code grace}, then stops; the readings in minute order. */
    public List<HeapMinute> stop(Duration grace) throws InterruptedException {
        thread.join(grace);
        thread.interrupt();
        thread.join();
        return List.copyOf(heaps);
    }

    private void watch() {
        try {
            if (!windows.awaitStart(Duration.ofMinutes(10))) {
                logger.warn("soak: sending never started; no heap readings");
                return;
            }
            for (int minute = 1; minute <= windows.minutes(); minute++) {
                final long wait = windows.startNanos() + minute * MINUTE_NANOS - ticker.nanos();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                final long before = ticker.nanos();
                final List<ServiceHeap> services = probe.afterFullGc(pids);
                final double readS = Math.round((ticker.nanos() - before) / 1e8) / 10.0;
                final HeapMinute heap = new HeapMinute(minute, services, readS);
                heaps.add(heap);
                log(heap);
            }
        } catch (InterruptedException e) {
            // stop() before the last minute: the phase ended early; keep what was read.
            Thread.currentThread().interrupt();
        }
    }

    private void log(HeapMinute heap) {
        final MinuteWindows.Minute traffic = windows.snapshot().get(heap.minute() - 1);
        final StringBuilder services = new StringBuilder();
        for (ServiceHeap s : heap.services()) {
            services.append(' ').append(s.service()).append(" old ").append(s.oldGenMb()).append(" (+")
                    .append(s.deadSpaceMb()).append(" dead) MB");
        }
        logger.info("soak minute {}: sent {}, acked {}, refused {}, delivered {}, p50 {} p99 {} ms so far; "
                    + "after full GC (read in {} s):{}", heap.minute(), traffic.sent(), traffic.acked(), traffic.refused(),
                    traffic.delivered(), traffic.latencyMs().p50(),
                    traffic.latencyMs().p99(), heap.readS(), services);
    }
}
