package dev.herald.devidp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /token} with {@code {"user":"alice","name":"Alice","admin":false}} answers
 * {@code {"token":"<jwt>","expiresIn":3600}}: a token for any user, for the browser app of a local stack, where a
 * user signs in by typing a name. Only for this machine: {@link JwksServer} mounts it only on a loopback address,
 * and it answers only loopback peers. A browser may call it from the listed origins only (CORS): a page of any
 * other site the developer visits must not mint tokens, so a request carrying another {@code Origin} is refused.
 * Bad input gets 400 with {@code {"error":"..."}} naming the problem.
 */
final class TokenEndpoint implements HttpHandler {

    static final String PATH = "/token";
    /** Longest user id the services accept (a longer {@code sub} is refused at {@code online}). */
    private static final int MAX_USER_CHARS = 255;
    private static final int MAX_NAME_CHARS = 1024;
    private static final int MAX_BODY_BYTES = 8192;
    private static final Set<String> FIELDS = Set.of("user", "name", "admin");

    private final DevTokenIssuer issuer;
    private final Set<String> origins;
    private final Duration ttl;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param origins the browser origins allowed to call it, e.g. {@code http://127.0.0.1:8080}
     * @param ttl     how long each token is valid
     */
    TokenEndpoint(DevTokenIssuer issuer, Set<String> origins, Duration ttl) {
        this.issuer = requireNonNull(issuer, "issuer");
        this.origins = Set.copyOf(origins);
        this.ttl = requireNonNull(ttl, "ttl");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                answer(exchange, 403, Map.of("error", "the token endpoint answers this machine only"));
                return;
            }
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null) {
                if (!origins.contains(origin)) {
                    answer(exchange, 403, Map.of("error", "origin not allowed: " + origin));
                    return;
                }
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().set("Vary", "Origin");
            }
            switch (exchange.getRequestMethod()) {
                case "OPTIONS" -> preflight(exchange);
                case "POST" -> mint(exchange);
                default -> {
                    exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
                    exchange.sendResponseHeaders(405, -1);
                }
            }
        }
    }

    private static void preflight(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
        exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
        exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
        exchange.sendResponseHeaders(204, -1);
    }

    private void mint(HttpExchange exchange) throws IOException {
        final TokenRequest request;
        try {
            request = read(exchange.getRequestBody());
        } catch (BadRequest e) {
            answer(exchange, 400, Map.of("error", e.getMessage()));
            return;
        }
        String token = issuer.issue(request.user(), request.name(), request.admin(), ttl);
        answer(exchange, 200, Map.of("token", token, "expiresIn", ttl.toSeconds()));
    }

    private TokenRequest read(InputStream body) throws IOException, BadRequest {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequest("body too large (at most " + MAX_BODY_BYTES + " bytes)");
        }
        final JsonNode root;
        try {
            root = json.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new BadRequest("body must be a JSON object like {\"user\":\"alice\"}");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("body must be a JSON object like {\"user\":\"alice\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadRequest("unknown field: " + name + " (expected: user, name, admin)");
            }
        }
        String user = text(root, "user", MAX_USER_CHARS).strip();
        if (user.isEmpty()) {
            throw new BadRequest("user must not be empty");
        }
        String name = root.hasNonNull("name") ? text(root, "name", MAX_NAME_CHARS).strip() : "";
        JsonNode admin = root.path("admin");
        if (!admin.isMissingNode() && !admin.isNull() && !admin.isBoolean()) {
            throw new BadRequest("admin must be true or false");
        }
        return new TokenRequest(user, name.isEmpty() ? user : name, admin.asBoolean(false));
    }

    private static String text(JsonNode root, String field, int maxChars) throws BadRequest {
        JsonNode value = root.path(field);
        if (!value.isTextual()) {
            throw new BadRequest(field + " must be a string");
        }
        String text = value.asText();
        if (text.codePointCount(0, text.length()) > maxChars) {
            throw new BadRequest(field + " too long (at most " + maxChars + " characters)");
        }
        if (text.indexOf('\0') >= 0) {
            throw new BadRequest(field + " must not contain the NUL character");
        }
        return text;
    }

    private void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private record TokenRequest(String user, String name, boolean admin) {}

    /** A request that names its problem; answered 400. */
    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }
}
