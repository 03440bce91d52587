package dev.herald.it;

import static org.awaitility.Awaitility.await;

import dev.herald.testing.FreePorts;
import dev.herald.testing.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A service's {@code Main} as a child JVM that a test can kill -9 and start again with the same environment, so on
 * the same port: what a crash and a supervisor's restart look like to the rest of the stack.
 */
final class ChildService implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final String mainClass;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    /** The address it listens on (the message-service's {@code HERALD_GRPC_HOST}); loopback otherwise. */
    private final String host;
    /** The port it listens on once ready; null for the worker, which is ready once its log says so. */
    private final @Nullable Integer port;
    /** Where it serves {@code /metrics} and {@code /health/*}: fixed, so a restart serves it there again. */
    private final int opsPort;
    private @Nullable ServiceProcess process;

    private ChildService(String mainClass, Map<String, String> env, @Nullable Integer port) {
        this(mainClass, env, List.of(), "127.0.0.1", port);
    }

    private ChildService(String mainClass, Map<String, String> env, List<String> jvmOptions, String host,
            @Nullable Integer port) {
        this.mainClass = mainClass;
        Map<String, String> settings = new HashMap<>(env);
        String ops = settings.getOrDefault("HERALD_OPS_PORT", "0");
        this.opsPort = ops.equals("0") ? FreePorts.find() : Integer.parseInt(ops);
        settings.put("HERALD_OPS_PORT", Integer.toString(opsPort));
        this.env = Map.copyOf(settings);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.host = host;
        this.port = port;
    }

    /** A message-service on {@code port} with the stack's {@code env} plus {@code overrides}. */
    static ChildService messageService(Map<String, String> env, int port, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(env);
        settings.putAll(overrides);
        settings.put("HERALD_GRPC_PORT", Integer.toString(port));
        return new ChildService("dev.herald.message.Main", settings, port);
    }

    /**
     * A message-service listening on {@code host} (a loopback address of 127.0.0.0/8, so several can share one
     * port) with the stack's {@code env} plus {@code overrides}.
     */
    static ChildService messageService(Map<String, String> env, String host, int port,
            Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(env);
        settings.putAll(overrides);
        settings.put("HERALD_GRPC_HOST", host);
        settings.put("HERALD_GRPC_PORT", Integer.toString(port));
        return new ChildService("dev.herald.message.Main", settings, List.of(), host, port);
    }

    /** A gateway as {@link #gateway(Map, int, String)} with {@code overrides} and JVM options. */
    static ChildService gateway(Map<String, String> env, int port, String targets, Map<String, String> overrides,
            List<String> jvmOptions) {
        Map<String, String> settings = new HashMap<>(env);
        settings.putAll(overrides);
        settings.put("HERALD_GATEWAY_PORT", Integer.toString(port));
        settings.put("HERALD_MESSAGE_SERVICE_TARGETS", targets);
        return new ChildService("dev.herald.gateway.Main", settings, jvmOptions, "127.0.0.1", port);
    }

    /** A gateway on {@code port} linked to the message-services at {@code targets} ({@code host:port,...}). */
    static ChildService gateway(Map<String, String> env, int port, String targets) {
        Map<String, String> settings = new HashMap<>(env);
        settings.put("HERALD_GATEWAY_PORT", Integer.toString(port));
        settings.put("HERALD_MESSAGE_SERVICE_TARGETS", targets);
        return new ChildService("dev.herald.gateway.Main", settings, port);
    }

    static ChildService worker(Map<String, String> env) {
        return new ChildService("dev.herald.worker.Main", env, null);
    }

    /** Starts it and waits until it listens (or, for the worker, until it consumes). */
    ChildService start() {
        ServiceProcess started = ServiceProcess.start(mainClass, env, jvmOptions);
        process = started;
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!started.isAlive()) {
                throw new AssertionError(mainClass + " exited at startup: " + started.stdout() + started.stderr());
            }
            return port == null
                    ? started.stdout().stream().anyMatch(line -> line.contains("persistence-worker started"))
                    : listening(host, port);
        });
        return this;
    }

    /** The port of its {@code /metrics} and {@code /health/*}. */
    int opsPort() {
        return opsPort;
    }

    /** The WebSocket address of a gateway. */
    URI socketUri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** SIGKILL: no shutdown hook, nothing flushed, links and sockets cut as by a crash. */
    void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** SIGSTOP: it holds its sockets, its pulled messages and whatever it was doing, and runs nothing. */
    void pause() {
        if (process != null) {
            process.signal("STOP");
        }
    }

    /** SIGCONT after {@link #pause()}: it goes on where it stopped. */
    void resume() {
        if (process != null) {
            process.signal("CONT");
        }
    }

    @Override
    public void close() {
        if (process != null) {
            if (process.isAlive()) {
                process.signal("CONT"); // a stopped process would not act on the SIGTERM of close
            }

            process.close();
        }
    }

    /** Whether a line of its stdout so far contains every one of {@code parts}. */
    boolean logged(String... parts) {
        ServiceProcess started = process;
        return started != null && started.stdout().stream()
                .anyMatch(line -> Arrays.stream(parts).allMatch(line::contains));
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
