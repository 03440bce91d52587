package dev.herald.message.stream;

import dev.herald.testing.FreePorts;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real nats-server with JetStream whose account {@code nojs} has no JetStream: every JetStream API call from it
 * is answered with an API error (10039) that is neither "consumer not found" nor "stream not found", the kind of
 * answer the watermark must report instead of taking it for "no worker yet".
 */
final class NatsAccountWithoutJetStream implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private NatsAccountWithoutJetStream(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static NatsAccountWithoutJetStream start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("herald-nats-accounts-");
        int port = FreePorts.find();
        Path config = dir.resolve("nats.conf");
        Files.writeString(config, """
                listen: 127.0.0.1:%d
                jetstream { store_dir: "%s" }
                accounts {
                  EVENTS: { jetstream: enabled, users: [{user: events, password: events}] }
                  NOJS: { users: [{user: nojs, password: nojs}] }
                }
                """.formatted(port, dir.resolve("store")));
        Process process = new ProcessBuilder(
                System.getenv().getOrDefault("HERALD_TEST_NATS_SERVER", "nats-server"), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nats-server.log").toFile())
                .start();
        NatsAccountWithoutJetStream server = new NatsAccountWithoutJetStream(process, dir, port);
        server.awaitListening();
        return server;
    }

    /** A connection of the account without JetStream. */
    Connection connectWithoutJetStream() throws IOException, InterruptedException {
        return Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port).userInfo("nojs", "nojs").build());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp directory is not worth failing a test for.
        }
    }

    private void awaitListening() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited; see " + dir.resolve("nats-server.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("nats-server did not listen on port " + port + " within 15 s");
    }
}
