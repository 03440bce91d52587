package dev.herald.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwksServerTest {

    private final DevKeys keys = DevKeys.generate();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesThePublicKeyAsAJwks() throws Exception {
        try (JwksServer server = JwksServer.start(keys, "127.0.0.1", 0)) {
            final HttpResponse<String> response = get(server.jwksUrl());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            final JsonNode jwks = new ObjectMapper().readTree(response.body()).get("keys");
            assertThat(jwks).hasSize(1);
            final JsonNode key = jwks.get(0);
            assertThat(key.get("kty").asText()).isEqualTo("RSA");
            assertThat(key.get("kid").asText()).isEqualTo(keys.keyId());
            assertThat(key.get("use").asText()).isEqualTo("sig");
            assertThat(key.get("alg").asText()).isEqualTo("RS256");
            assertThat(unsigned(key.get("n").asText())).isEqualTo(keys.publicKey().getModulus());
            assertThat(unsigned(key.get("e").asText())).isEqualTo(keys.publicKey().getPublicExponent());
            assertThat(key.get("n").asText()).doesNotContain("=", "+", "/");
        }
    }

    @Test
    void portZeroPicksAFreePort() {
        try (JwksServer server = JwksServer.start(keys, "127.0.0.1", 0)) {
            assertThat(server.port()).isPositive();
            assertThat(server.jwksUrl())
                    .isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/.well-known/jwks.json"));
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        try (JwksServer server = JwksServer.start(keys, "127.0.0.1", 0)) {
            final URI root = server.jwksUrl().resolve("/");

            assertThat(get(root).statusCode()).isEqualTo(404);
            assertThat(get(root.resolve("/.well-known/jwks.json.bak")).statusCode()).isEqualTo(404);
            final HttpResponse<String> post = http.send(
                    HttpRequest.newBuilder(server.jwksUrl()).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
    }

    @Test
    void closedServerRefusesConnections() {
        final JwksServer server = JwksServer.start(keys, "127.0.0.1", 0);
        server.close();
        server.close();

        assertThatIOException().isThrownBy(() -> get(server.jwksUrl()));
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static BigInteger unsigned(String base64Url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64Url));
    }
}
