package dev.herald.testing;

import dev.herald.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code nats-server} with JetStream, run as a child process on a free port with its own
 * store directory, so integration tests never share streams. It can be killed and started again
 * on the same port and store, to test what survives a broker restart.
 */
public final class NatsServerProcess implements AutoCloseable {

    private final Path storeDir;
    private final int port;
    /** Options beyond port and store, e.g. a cluster node's name and routes. */
    private final List<String> options;
    private Process process;

    private NatsServerProcess(Path storeDir, int port, List<String> options) {
        this.storeDir = storeDir;
        this.port = port;
        this.options = List.copyOf(options);
    }

    /** Starts a server on a free port with a fresh temporary store. */
    public static NatsServerProcess start() {
        return start(FreePorts.find(), List.of());
    }

    /** Starts a server on {@code port} with a fresh temporary store and the extra {@code options}. */
    static NatsServerProcess start(int port, List<String> options) {
        try {
            NatsServerProcess server = new NatsServerProcess(Files.createTempDirectory("herald-nats-"), port, options);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client URL, e.g. {@code nats://127.0.0.1:4333}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Whether the process runs (false after {@link #kill()}). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server abruptly (SIGKILL). */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Starts the server again on the same port and store after {@link #kill()}. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("nats-server is still running");
        }
        startProcess();
    }

    @Override
    public void close() {
        process.destroy();
        awaitExit();
        deleteRecursively(storeDir);
    }

    private void startProcess() {
        String binary = Env.of(System.getenv()).string("HERALD_TEST_NATS_SERVER", "nats-server");
        List<String> command = new ArrayList<>(List.of(binary, "-a", "127.0.0.1", "-p", Integer.toString(port),
                "-js", "-sd", storeDir.toString()));
        command.addAll(options);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(storeDir.resolve("nats-server.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary + " (install nats-server)", e);
        }
        awaitListening();
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited; see " + storeDir.resolve("nats-server.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                // Not listening yet: poll again shortly.
                pause();
            }
        }
        throw new IllegalStateException("nats-server did not listen on port " + port + " within 15 s");
    }

    private void awaitExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        pause(Duration.ofMillis(20));
    }

    /** Polling interval of the waits here and in {@link NatsCluster}. */
    static void pause(Duration interval) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp directory is not worth failing a test for.
        }
    }
}
