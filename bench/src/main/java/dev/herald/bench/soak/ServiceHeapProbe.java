package dev.herald.bench.soak;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Forces a full collection in each server JVM and reads what survived: {@code GC.class_histogram} collects
 * (a full stop-the-world collection, even with {@code -XX:+DisableExplicitGC}) and counts the objects, then
 * {@code GC.heap_info} reads the generations. The old generation is reported without the {@link DeadSpace} the
 * collection left in it, and that dead space apart. One {@code jcmd PID -f FILE} per JVM runs both commands,
 * since every jcmd is a JVM start on the generator's cores. Processes that are not JVMs are skipped. Each call
 * pauses every server for the length of its full collection and heap walk.
 */
public final class ServiceHeapProbe {

    private static final long JCMD_TIMEOUT_SECONDS = 60;

    private final Path jcmd;
    private final Path proc;

    public ServiceHeapProbe(Path jcmd, Path proc) {
        this.jcmd = requireNonNull(jcmd, "jcmd");
        this.proc = requireNonNull(proc, "proc");
    }

    /** jcmd of the JDK that runs the generator. */
    public static ServiceHeapProbe ofRunningJdk() {
        return new ServiceHeapProbe(Path.of(System.getProperty("java.home"), "bin", "jcmd"), Path.of("/proc"));
    }

    /** One reading per JVM among {@code pids}, in their order. */
    public List<ServiceHeap> afterFullGc(List<Long> pids) throws InterruptedException {
        final Path commands;
        try {
            commands = Files.createTempFile("herald-soak-jcmd", ".txt");
            Files.writeString(commands, "GC.class_histogram\nGC.heap_info\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write jcmd's command file", e);
        }
        try {
            return afterFullGc(pids, commands);
        } finally {
            try {
                Files.deleteIfExists(commands);
            } catch (IOException e) {
                // A temporary file left behind: harmless.
            }
        }
    }

    private List<ServiceHeap> afterFullGc(List<Long> pids, Path commands) throws InterruptedException {
        final List<ServiceHeap> heaps = new ArrayList<>();
        for (long pid : pids) {
            final Optional<String> cmdline = cmdline(pid);
            if (cmdline.isEmpty() || !cmdline.get().split("\0", 2)[0].endsWith("java")) {
                continue;
            }
            final String service = serviceName(cmdline.get(), pid);
            final Optional<String> out = jcmd(pid, commands);
            final Optional<GcHeapInfo.Reading> reading = out.flatMap(GcHeapInfo::parse);
            final long deadKb = out.map(DeadSpace::fillerBytes).orElse(0L) / 1024;
            heaps.add(new ServiceHeap(service, pid,
                                      reading.map(r -> mb(Math.max(0, r.oldGenKb() - deadKb))).orElse(null),
                                      reading.map(r -> mb(deadKb)).orElse(null),
                                      reading.map(r -> mb(r.usedKb())).orElse(null)));
        }
        return heaps;
    }

    /**
     * The service a JVM runs, from its command line ({@code NUL}-separated): the name of its jar without version
     * and suffix ({@code .../gateway-service-0.1.0-SNAPSHOT-all.jar} is {@code gateway-service}), else its main
     * class's simple name, else {@code pid N}.
     */
    static String serviceName(String cmdline, long pid) {
        final String[] args = cmdline.split("\0");
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals("-jar")) {
                final String file = Path.of(args[i + 1]).getFileName().toString();
                return file.replaceFirst("(-\\d[^/]*)?(-all)?\\.jar$", "");
            }
        }
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("-") && !args[i - 1].equals("-cp") && !args[i - 1].equals("-classpath")) {
                return args[i].substring(args[i].lastIndexOf('.') + 1);
            }
        }
        return "pid " + pid;
    }

    private Optional<String> cmdline(long pid) {
        try {
            return Optional.of(Files.readString(proc.resolve(pid + "/cmdline"), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // Gone or unreadable: not measured.
            return Optional.empty();
        }
    }

    private Optional<String> jcmd(long pid, Path commands) throws InterruptedException {
        try {
            final Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "-f",
                                                       commands.toString())
                    .redirectErrorStream(true).start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            // No jcmd in this JDK (a JRE), or it cannot attach to the process: the reading is missing.
            return Optional.empty();
        }
    }

    private static double mb(long kb) {
        return Math.round(kb / 102.4) / 10.0;
    }
}
