package dev.herald.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint of a service, on its own port so that it never shares a listener, a thread or a limit
 * with user traffic: {@code GET /metrics} (Prometheus text format), {@code GET /health/live} (200 while the
 * process can answer) and {@code GET /health/ready} (200 when every {@link Readiness} check passes, else 503; both
 * with the checks as JSON). One thread serves it: scrapes and probes come a few times a minute.
 */
public final class OpsHttpServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(OpsHttpServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code settings}' address and starts serving; port 0 picks a free one (see {@link #port()}). */
    public static OpsHttpServer start(OpsSettings settings, PrometheusMeterRegistry registry, Readiness readiness,
            String service) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve /metrics and /health on " + settings.host() + ":"
                    + settings.port() + " (HERALD_OPS_HOST / HERALD_OPS_PORT): " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name(service + "-ops-http").daemon().factory());
        server.setExecutor(executor);
        server.createContext("/metrics", getOnly(exchange ->
                respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape())));
        server.createContext("/health/live", getOnly(exchange ->
                respond(exchange, 200, JSON, "{\"status\":\"UP\"}")));
        server.createContext("/health/ready", getOnly(exchange -> {
            ReadinessReport report = readiness.report();
            respond(exchange, report.ready() ? 200 : 503, JSON, report.toJson());
        }));
        server.createContext("/", exchange -> respond(exchange, 404, JSON,
                "{\"error\":\"not found: the operations endpoint serves /metrics, /health/live, /health/ready\"}"));
        server.start();
        OpsHttpServer ops = new OpsHttpServer(server, executor);
        logger.atInfo().addKeyValue("address", settings.host() + ":" + ops.port())
                .log("serving /metrics, /health/live and /health/ready");
        return ops;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Only GET and HEAD; anything else is 405, and only the exact path matches (not {@code /metrics/x}). */
    private static HttpHandler getOnly(HttpHandler handler) {
        return exchange -> {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                respond(exchange, 404, JSON, "{\"error\":\"not found\"}");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, JSON, "{\"error\":\"method not allowed: use GET\"}");
            } else {
                handler.handle(exchange);
            }
        };
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
