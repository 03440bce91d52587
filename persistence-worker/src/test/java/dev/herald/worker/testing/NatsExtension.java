package dev.herald.worker.testing;

import dev.herald.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real nats-server with JetStream per test class, plus a client connection for the test. */
public final class NatsExtension implements BeforeAllCallback, AfterAllCallback {

    private NatsServerProcess server;
    private Connection connection;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = NatsServerProcess.start();
        connection = connect();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        connection.close();
        server.close();
    }

    public String url() {
        return server.url();
    }

    /** The test's own connection (publishing, consumer info). */
    public Connection connection() {
        return connection;
    }

    /** A new connection, e.g. for a worker, which closes it. */
    public Connection connect() {
        try {
            return Nats.connect(new Options.Builder().server(server.url()).maxReconnects(-1).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
