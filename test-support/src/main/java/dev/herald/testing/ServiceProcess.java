package dev.herald.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A service's {@code Main} run as a child JVM on the test's own class path, with exactly the environment given
 * (nothing inherited but {@code PATH} and {@code HOME}), its stdout and stderr kept line by line. For what only a
 * real process shows: the exit status, what it prints before the logger is set up, the log format it writes. The
 * child logs with the production {@code logback.xml}, not the tests' {@code logback-test.xml} on the same class
 * path.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<Thread> readers;

    private ServiceProcess(Process process) {
        this.process = process;
        this.readers = List.of(
                collect(process.getInputStream(), stdout, "stdout"),
                collect(process.getErrorStream(), stderr, "stderr"));
    }

    /** Starts {@code mainClass} from the test class path with {@code env} (plus {@code PATH} and {@code HOME}). */
    public static ServiceProcess start(String mainClass, Map<String, String> env) {
        return start(mainClass, env, List.of());
    }

    /** As above, with JVM options before the class path (e.g. {@code -Djdk.net.hosts.file=...}). */
    public static ServiceProcess start(String mainClass, Map<String, String> env, List<String> jvmOptions) {
        List<String> arguments = new ArrayList<>(jvmOptions);
        arguments.addAll(List.of("-Dlogback.configurationFile=logback.xml", "-cp",
                System.getProperty("java.class.path"), mainClass));
        return start(arguments, env);
    }

    /**
     * Starts the module's own runnable jar ({@code target/*-all.jar}, built by {@code package} before the
     * integration tests run) with {@code env}: exactly what {@code deploy/local/run.sh} and a container start, with
     * only the dependencies the jar packs.
     */
    public static ServiceProcess startShadedJar(Map<String, String> env) {
        return startShadedJar(env, List.of());
    }

    /** {@link #startShadedJar(Map)} with command-line arguments (e.g. the message-service's {@code migrate}). */
    public static ServiceProcess startShadedJar(Map<String, String> env, List<String> args) {
        List<String> arguments = new ArrayList<>(List.of("-jar", shadedJar().toString()));
        arguments.addAll(args);
        return start(arguments, env);
    }

    private static ServiceProcess start(List<String> arguments, Map<String, String> env) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", System.getProperty("user.home"));
        builder.environment().putAll(env);
        try {
            return new ServiceProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path shadedJar() {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "*-all.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no target/*-all.jar: run the integration tests with mvn verify");
    }

    /** Waits for the process to end and for all it wrote to be read, and returns its exit status. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + timeout + "; stderr: " + stderr);
            }
            for (Thread reader : readers) {
                reader.join(TimeUnit.SECONDS.toMillis(10)); // the pipes close with the process
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for a line of stdout matching {@code match}; empty if none came within {@code timeout}. */
    public Optional<String> awaitStdoutLine(Predicate<String> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> line = stdout.stream().filter(match).findFirst();
            if (line.isPresent()) {
                return line;
            }
            if (!process.isAlive() && stdout.stream().noneMatch(match)) {
                sleepBriefly(); // the reader may still be draining the pipe
                return stdout.stream().filter(match).findFirst();
            }
            sleepBriefly();
        }
        return Optional.empty();
    }

    public List<String> stdout() {
        return new ArrayList<>(stdout);
    }

    public List<String> stderr() {
        return new ArrayList<>(stderr);
    }

    /** Kills the process at once (SIGKILL: no shutdown hook runs), as a crash would, and waits for it to end. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends {@code signal} ({@code STOP}, {@code CONT}...) with the system's {@code kill}: a stopped process keeps its
     * sockets and state but runs nothing, as one stalled by the machine would, until {@code CONT}.
     */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread collect(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process was killed while we read: what was read is kept.
            }
        }, "service-process-" + name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
