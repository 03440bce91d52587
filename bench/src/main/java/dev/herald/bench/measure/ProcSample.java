package dev.herald.bench.measure;

import org.jspecify.annotations.Nullable;

/**
 * One reading of the server processes and the machine from {@code /proc}.
 *
 * @param nanos        when it was taken ({@link System#nanoTime()})
 * @param cpuSeconds   user + system CPU time of all server processes so far
 * @param rssKb        resident set size of all server processes
 * @param processes    how many of the server processes could be read
 * @param machineBusy  busy jiffies of the whole machine ({@code /proc/stat}, all cores)
 * @param machineTotal all jiffies of the whole machine
 */
public record ProcSample(long nanos, double cpuSeconds, long rssKb, int processes, long machineBusy,
                         long machineTotal) {

    public double rssMb() {
        return rssKb / 1024.0;
    }

    /** Server CPU between two readings; 100 = one core busy. Null when a reading is missing. */
    public static @Nullable Double cpuPct(@Nullable ProcSample from, @Nullable ProcSample to) {
        if (from == null || to == null || from.processes == 0 || to.nanos <= from.nanos) {
            return null;
        }
        return round1(100 * (to.cpuSeconds - from.cpuSeconds) / ((to.nanos - from.nanos) / 1e9));
    }

    /** Whole-machine CPU between two readings; 100 = every core busy. */
    public static @Nullable Double machineBusyPct(@Nullable ProcSample from, @Nullable ProcSample to) {
        if (from == null || to == null || to.machineTotal <= from.machineTotal) {
            return null;
        }
        return round1(100.0 * (to.machineBusy - from.machineBusy) / (to.machineTotal - from.machineTotal));
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
