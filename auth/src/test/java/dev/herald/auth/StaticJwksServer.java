package dev.herald.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import dev.herald.devidp.DevKeys;
import dev.herald.devidp.JwksDocument;
import dev.herald.devidp.JwksServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWKS endpoint for tests on a free loopback port that serves whatever JSON it is given and counts the
 * fetches, so tests can tell when a verifier really went to the identity provider.
 */
final class StaticJwksServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile byte[] body;

    private StaticJwksServer(byte[] body) {
        this.body = body;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(JwksServer.PATH, exchange -> {
            try (exchange) {
                fetches.incrementAndGet();
                final byte[] current = this.body;
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, current.length);
                exchange.getResponseBody().write(current);
            }
        });
        server.start();
    }

    static StaticJwksServer forKeys(DevKeys... keys) {
        return new StaticJwksServer(JwksDocument.of(List.of(keys)));
    }

    static StaticJwksServer serving(String json) {
        return new StaticJwksServer(json.getBytes(UTF_8));
    }

    /** Serves these keys from the next fetch on, as an identity provider does when it rotates keys. */
    void serveKeys(DevKeys... keys) {
        body = JwksDocument.of(List.of(keys));
    }

    URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + JwksServer.PATH);
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
