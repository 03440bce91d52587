package dev.herald.devidp;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import dev.herald.config.LoopbackHost;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code {"keys":[{"kty":"RSA","kid":...,"use":"sig","alg":"RS256","n":...,"e":...}]}} at
 * {@value #PATH} with the JDK's HTTP server. Close it to stop serving.
 */
public final class JwksServer implements AutoCloseable {

    /** Where an identity provider publishes its keys. */
    public static final String PATH = "/.well-known/jwks.json";

    private static final Logger logger = LoggerFactory.getLogger(JwksServer.class);

    private final HttpServer server;
    private final URI jwksUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JwksServer(HttpServer server, URI jwksUrl) {
        this.server = server;
        this.jwksUrl = jwksUrl;
    }

    /**
     * Starts serving the public key of {@code keys} on {@code host}:{@code port}; port 0 picks a free port.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static JwksServer start(DevKeys keys, String host, int port) {
        requireNonNull(keys, "keys");
        requireNonNull(host, "host");
        checkArgument(port >= 0 && port <= 65535, "port: %s (expected: 0-65535)", port);
        final HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the JWKS on " + host + ':' + port, e);
        }
        server.createContext(PATH, new JwksHandler(JwksDocument.of(List.of(keys))));
        server.start();
        final JwksServer jwks = new JwksServer(server, url(host, server.getAddress().getPort()));
        logger.info("Serving the JWKS with key {} at {}", keys.keyId(), jwks.jwksUrl());
        return jwks;
    }

    /** Where the JWKS is served, e.g. {@code http://127.0.0.1:8090/.well-known/jwks.json}. */
    public URI jwksUrl() {
        return jwksUrl;
    }

    /**
     * Also serves {@link TokenEndpoint} at {@value TokenEndpoint#PATH}: tokens for any user, to browsers of the
     * given origins. Only on a loopback address, since anyone who reaches it can sign in as anyone.
     *
     * @return the endpoint's URL, e.g. {@code http://127.0.0.1:8090/token}
     * @throws IllegalStateException when the server is not bound to a loopback address
     */
    public URI serveTokens(DevTokenIssuer issuer, Set<String> origins, Duration ttl) {
        requireNonNull(issuer, "issuer");
        requireNonNull(origins, "origins");
        requireNonNull(ttl, "ttl");
        if (!LoopbackHost.is(jwksUrl.getHost())) {
            throw new IllegalStateException("host: " + jwksUrl.getHost()
                    + " (expected: a loopback address to serve tokens, e.g. 127.0.0.1)");
        }
        server.createContext(TokenEndpoint.PATH, new TokenEndpoint(issuer, origins, ttl));
        URI tokenUrl = jwksUrl.resolve(TokenEndpoint.PATH);
        logger.info("Serving tokens for any user at {} to origins {}", tokenUrl, origins);
        return tokenUrl;
    }

    /** The bound port: the one asked for, or the free one picked for port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving at once; calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            logger.info("Stopped serving the JWKS at {}", jwksUrl);
        }
    }

    private static URI url(String host, int port) {
        try {
            return new URI("http", null, host, port, PATH, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("host: " + host + " (expected: a host name or IP address)", e);
        }
    }

    /** GET or HEAD of exactly {@value #PATH}; anything else is 404 or 405. */
    private record JwksHandler(byte[] body) implements com.sun.net.httpserver.HttpHandler {

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                if (!PATH.equals(exchange.getRequestURI().getPath())) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                final String method = exchange.getRequestMethod();
                if (!"GET".equals(method) && !"HEAD".equals(method)) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Cache-Control", "public, max-age=300");
                if ("HEAD".equals(method)) {
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }
}
