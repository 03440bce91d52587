package dev.herald.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The live Java heap of the server processes that are JVMs, summed: the total of {@code jcmd PID
 * GC.class_histogram}, which collects garbage first, so it counts what the sockets really hold, not garbage the
 * collector has not reached yet (and it reads every generation, unlike the first "used" of {@code GC.heap_info},
 * which for the serial collector is the young generation only). Processes that are not JVMs are skipped. The
 * collection it forces is a pause in the server: read it once, after the other measurements.
 */
public final class HeapProbe {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private final Path jcmd;
    private final Path proc;

    public HeapProbe(Path jcmd, Path proc) {
        this.jcmd = jcmd;
        this.proc = proc;
    }

    /** jcmd of the JDK that runs the generator. */
    public static HeapProbe ofRunningJdk() {
        return new HeapProbe(Path.of(System.getProperty("java.home"), "bin", "jcmd"), Path.of("/proc"));
    }

    /** Live heap in MB over the JVMs among {@code pids}; null when none is a JVM or jcmd fails. */
    public @Nullable Double liveHeapMb(List<Long> pids) {
        long liveBytes = 0;
        int jvms = 0;
        for (long pid : pids) {
            if (!isJvm(pid)) {
                continue;
            }
            final Long live = liveBytes(pid);
            if (live == null) {
                return null;
            }
            liveBytes += live;
            jvms++;
        }
        return jvms == 0 ? null : Math.round(liveBytes / 104_857.6) / 10.0;
    }

    private boolean isJvm(long pid) {
        try {
            final String cmdline = Files.readString(proc.resolve(pid + "/cmdline"), StandardCharsets.ISO_8859_1);
            return cmdline.split("\0", 2)[0].endsWith("java");
        } catch (IOException e) {
            // Gone or unreadable: not measured.
            return false;
        }
    }

    private @Nullable Long liveBytes(long pid) {
        try {
            final Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            return totalBytes(out);
        } catch (IOException e) {
            // No jcmd in this JDK (a JRE) or it cannot attach: heap is optional.
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The byte total of a class histogram ({@code Total <instances> <bytes>}); null when there is none. */
    static @Nullable Long totalBytes(String histogram) {
        final Matcher matcher = TOTAL.matcher(histogram);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : null;
    }
}
