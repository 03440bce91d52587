package dev.herald.bench.measure;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads CPU time and RSS of the server processes ({@code --server-pid}, summed) and the machine's CPU from
 * {@code /proc}, on demand and once a second in the background to keep the peak RSS. A process that has gone
 * away is left out of the sums.
 */
public final class ProcessSampler implements AutoCloseable {

    /** USER_HZ: the unit of utime and stime in /proc/PID/stat on Linux. */
    private static final double CLOCK_TICKS = 100;
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+)\\s+kB");

    private final List<Long> pids;
    private final Path proc;
    private final Ticker ticker;
    private final AtomicLong rssMaxKb = new AtomicLong();
    private final ScheduledExecutorService timer;

    public ProcessSampler(List<Long> pids, Path proc, Ticker ticker) {
        this.pids = List.copyOf(pids);
        this.proc = requireNonNull(proc, "proc");
        this.ticker = requireNonNull(ticker, "ticker");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "server-sampler");
            thread.setDaemon(true);
            return thread;
        });
        if (!this.pids.isEmpty()) {
            timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
        }
    }

    public boolean enabled() {
        return !pids.isEmpty();
    }

    public List<Long> pids() {
        return pids;
    }

    /** Reads now; null when no server process is configured or none could be read. */
    public @Nullable ProcSample sample() {
        if (pids.isEmpty()) {
            return null;
        }
        double cpu = 0;
        long rss = 0;
        int read = 0;
        for (long pid : pids) {
            try {
                cpu += cpuSeconds(Files.readString(proc.resolve(pid + "/stat")));
                rss += rssKb(Files.readString(proc.resolve(pid + "/status")));
                read++;
            } catch (NoSuchFileException e) {
                // The process has exited (or never existed): it no longer uses CPU or memory.
            } catch (IOException e) {
                // A process exiting between the two reads shows up as ESRCH here: same as above.
            }
        }
        final long[] machine = machineJiffies();
        final long rssNow = rss;
        rssMaxKb.accumulateAndGet(rssNow, Math::max);
        return read == 0 ? null : new ProcSample(ticker.nanos(), cpu, rss, read, machine[0], machine[1]);
    }

    /** The largest summed RSS seen by any reading, in MB; null without server processes. */
    public @Nullable Double rssMaxMb() {
        return pids.isEmpty() ? null : Math.round(rssMaxKb.get() / 102.4) / 10.0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** utime + stime in seconds: fields 14 and 15, counted after the parenthesised command name. */
    static double cpuSeconds(String stat) {
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
    }

    static long rssKb(String status) {
        final Matcher matcher = VM_RSS.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** {busy, total} jiffies of all cores from the first line of /proc/stat; zeros when unreadable. */
    private long[] machineJiffies() {
        try {
            final String first = Files.readString(proc.resolve("stat")).lines().findFirst().orElse("");
            final String[] fields = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            final long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            // Not Linux, or a /proc without stat: the machine figure is reported as null.
            return new long[] {0, 0};
        }
    }
}
