package dev.herald.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.devidp.DevTokenIssuer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Mints tokens of a stack's identity provider over HTTP, for test clients in another process (the JavaScript
 * client's integration tests): {@code GET /token?user=ID&name=NAME&ttlSeconds=N} answers the JWT as plain text.
 * Loopback only, test only.
 */
final class TokenEndpoint implements AutoCloseable {

    private final HttpServer server;

    private TokenEndpoint(HttpServer server) {
        this.server = server;
    }

    static TokenEndpoint start(DevTokenIssuer tokens) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> answer(exchange, tokens));
        server.start();
        return new TokenEndpoint(server);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    private static void answer(HttpExchange exchange, DevTokenIssuer tokens) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI());
            String user = query.get("user");
            if (user == null || user.isBlank()) {
                send(exchange, 400, "user is required: /token?user=ID&name=NAME&ttlSeconds=N");
                return;
            }
            long ttlSeconds = Long.parseLong(query.getOrDefault("ttlSeconds", "1800"));
            String token = tokens.issue(user, query.getOrDefault("name", user), false, Duration.ofSeconds(ttlSeconds));
            send(exchange, 200, token);
        } catch (NumberFormatException e) {
            send(exchange, 400, "ttlSeconds must be a whole number of seconds");
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
