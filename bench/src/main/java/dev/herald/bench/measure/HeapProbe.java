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
 * The used Java heap of the server processes that are JVMs, from {@code jcmd PID GC.heap_info} (the first
 * "used NK" of its output), summed. Processes that are not JVMs are skipped.
 */
public final class HeapProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

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

    /** Used heap in MB over the JVMs among {@code pids}; null when none is a JVM or jcmd fails. */
    public @Nullable Double usedHeapMb(List<Long> pids) {
        long usedKb = 0;
        int jvms = 0;
        for (long pid : pids) {
            if (!isJvm(pid)) {
                continue;
            }
            final Long used = usedKb(pid);
            if (used == null) {
                return null;
            }
            usedKb += used;
            jvms++;
        }
        return jvms == 0 ? null : Math.round(usedKb / 102.4) / 10.0;
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

    private @Nullable Long usedKb(long pid) {
        try {
            final Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            final Matcher matcher = USED.matcher(out);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : null;
        } catch (IOException e) {
            // No jcmd in this JDK (a JRE) or it cannot attach: heap is optional.
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
