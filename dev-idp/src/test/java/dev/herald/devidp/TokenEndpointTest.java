package dev.herald.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {

    private static final String APP = "http://127.0.0.1:8080";

    private final DevKeys keys = DevKeys.generate();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JwksServer server = JwksServer.start(keys, "127.0.0.1", 0);
    private final URI tokens = server.serveTokens(new DevTokenIssuer(keys, "herald-dev", "herald", Clock.systemUTC()),
            Set.of(APP), Duration.ofMinutes(10));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mintsASignedTokenForTheTypedUserWithNameAndAdminRole() throws Exception {
        HttpResponse<String> response = post("{\"user\":\"alice\",\"name\":\"Alice A\",\"admin\":true}", APP);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.path("expiresIn").asLong()).isEqualTo(600);
        DecodedJWT token = JWT.require(Algorithm.RSA256(keys.publicKey(), null)).withIssuer("herald-dev")
                .withAudience("herald").build().verify(body.path("token").asText());
        assertThat(token.getSubject()).isEqualTo("alice");
        assertThat(token.getClaim("name").asString()).isEqualTo("Alice A");
        assertThat(token.getClaim("roles").asList(String.class)).containsExactly("admin");
    }

    @Test
    void theNameDefaultsToTheUserAndTheRoleToNone() throws Exception {
        HttpResponse<String> response = post("{\"user\":\"bob\"}", null);

        DecodedJWT token = JWT.decode(new ObjectMapper().readTree(response.body()).path("token").asText());
        assertThat(token.getClaim("name").asString()).isEqualTo("bob");
        assertThat(token.getClaim("roles").asList(String.class)).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void answersTheBrowsersPreflightForTheAllowedOrigin() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokens)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", APP)
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type");
    }

    @Test
    void refusesAPageOfAnyOtherOrigin() throws Exception {
        HttpResponse<String> response = post("{\"user\":\"alice\"}", "http://evil.example");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"error\":\"origin not allowed: http://evil.example\"}");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void badRequestsNameTheProblem() throws Exception {
        assertThat(error("not json")).isEqualTo("body must be a JSON object like {\"user\":\"alice\"}");
        assertThat(error("[]")).isEqualTo("body must be a JSON object like {\"user\":\"alice\"}");
        assertThat(error("{}")).isEqualTo("user must be a string");
        assertThat(error("{\"user\":\"  \"}")).isEqualTo("user must not be empty");
        assertThat(error("{\"user\":\"" + "u".repeat(256) + "\"}")).isEqualTo("user too long (at most 255 characters)");
        assertThat(error("{\"user\":\"a\",\"admin\":\"yes\"}")).isEqualTo("admin must be true or false");
        assertThat(error("{\"user\":\"a\",\"role\":\"admin\"}")).isEqualTo("unknown field: role (expected: user, name, admin)");
        assertThat(error("{\"user\":\"a\\u0000\"}")).isEqualTo("user must not contain the NUL character");
    }

    @Test
    void onlyPostAndOnlyItsPath() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(tokens).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(405);
        assertThat(http.send(HttpRequest.newBuilder(tokens.resolve("/token/x")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void isNeverServedOffLoopback() {
        try (JwksServer everywhere = JwksServer.start(keys, "0.0.0.0", 0)) {
            assertThatThrownBy(() -> everywhere.serveTokens(
                    new DevTokenIssuer(keys, "i", "a", Clock.systemUTC()), Set.of(APP), Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("host: 0.0.0.0 (expected: a loopback address to serve tokens, e.g. 127.0.0.1)");
        }
    }

    private String error(String body) throws Exception {
        HttpResponse<String> response = post(body, APP);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        return new ObjectMapper().readTree(response.body()).path("error").asText();
    }

    private HttpResponse<String> post(String body, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(tokens).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
