package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the runnable jar, as Kubernetes sends it after the preStop hook (deploy/k8s) and docker-compose on
 * {@code stop}: the shutdown hook closes every open socket with 1001 "going away", so clients reconnect to another
 * gateway at once.
 */
class MainShutdownIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    @Test
    void sigtermClosesOpenSocketsWithGoingAway() throws Exception {
        int port = freePort();
        ServiceProcess gateway = ServiceProcess.startShadedJar(Map.of(
                "HERALD_GATEWAY_PORT", String.valueOf(port),
                "HERALD_OPS_PORT", "0",
                // No message-service: the links keep retrying a port nobody listens on; sockets are still served.
                "HERALD_MESSAGE_SERVICE_TARGETS", "127.0.0.1:" + freePort(),
                "HERALD_GATEWAY_SECRET", "gateway-secret-" + UUID.randomUUID()));
        try (gateway) {
            assertThat(gateway.awaitStdoutLine(line -> line.contains("gateway listening"), STARTUP))
                    .as("started; stderr: %s", gateway.stderr())
                    .isPresent();
            try (RawWebSocket socket = RawWebSocket.connect(port)) {
                // close() sends SIGTERM and waits for the exit, while this thread reads the close frame.
                CompletableFuture<Void> stopped = CompletableFuture.runAsync(gateway::close);

                RawWebSocket.Frame frame = socket.read();

                assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
                assertThat(frame.closeCode()).isEqualTo(1001);
                stopped.join();
            }
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal (not killed after
            // close()'s 10 s). What the hook prints is not seen here: Process.destroy() closes the pipes.
            assertThat(gateway.awaitExit(Duration.ofSeconds(10))).isEqualTo(143);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
