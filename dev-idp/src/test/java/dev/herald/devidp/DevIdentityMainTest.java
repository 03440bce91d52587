package dev.herald.devidp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevIdentityMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void tokenPrintsExactlyOneJwtLine() {
        final int status = main(Map.of()).run("token", "alice", "--dir", dir.toString());

        assertThat(status).isZero();
        assertThat(err.toString(UTF_8)).isEmpty();
        final String stdout = out.toString(UTF_8);
        assertThat(stdout).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+" + System.lineSeparator());
        // What the services accept by default (herald-auth's tests run its verifier on these tokens).
        final DecodedJWT jwt = JWT.require(Algorithm.RSA256(DevKeys.loadOrCreate(dir).publicKey(), null))
                .withIssuer(DevIdentityMain.DEFAULT_ISSUER)
                .withAudience(DevIdentityMain.DEFAULT_AUDIENCE)
                .build()
                .verify(stdout.strip());
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaim("name").asString()).isEqualTo("alice");
        assertThat(jwt.getClaim("roles").asList(String.class)).isEmpty();
    }

    @Test
    void tokenOptionsAndEnvironmentDefaults() {
        final Map<String, String> env = Map.of("HERALD_DEV_IDP_DIR", dir.toString(),
                                               "HERALD_JWT_ISSUER", "env-issuer",
                                               "HERALD_JWT_AUDIENCE", "env-audience");

        final int status = main(env).run("token", "bob", "--admin", "--name", "Bob B", "--ttl=60",
                                         "--audience", "cli-audience");

        assertThat(status).isZero();
        final DecodedJWT jwt = JWT.decode(out.toString(UTF_8).strip());
        assertThat(jwt.getKeyId()).isEqualTo(DevKeys.loadOrCreate(dir).keyId());
        assertThat(jwt.getIssuer()).isEqualTo("env-issuer");
        assertThat(jwt.getAudience()).containsExactly("cli-audience");
        assertThat(jwt.getClaim("name").asString()).isEqualTo("Bob B");
        assertThat(jwt.getClaim("roles").asList(String.class)).containsExactly("admin");
        assertThat(Duration.between(jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant()))
                .isEqualTo(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "launch", "token", "token a b", "token alice --ttl", "token alice --ttl abc",
            "token alice --ttl 0", "token alice --bogus", "token alice --admin=yes", "serve extra",
            "serve --port 70000",
    })
    void badArgumentsPrintUsageAndExit2(String args) {
        final String[] argv = args.isEmpty() ? new String[0] : args.split(" ");

        final int status = main(Map.of("HERALD_DEV_IDP_DIR", dir.toString())).run(argv);

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(UTF_8)).isEmpty();
        assertThat(err.toString(UTF_8)).startsWith("error: ").contains("usage: herald-dev-idp");
    }

    @Test
    void badEnvironmentExits2() {
        final int status = main(Map.of("HERALD_JWT_ISSUER", " ")).run("token", "alice", "--dir", dir.toString());

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(UTF_8)).isEmpty();
        assertThat(err.toString(UTF_8)).startsWith("error: HERALD_JWT_ISSUER: '' (expected: a non-empty value)");
    }

    @Test
    void serveAnnouncesTheUrlAndServesUntilInterrupted() throws Exception {
        final AtomicInteger status = new AtomicInteger(-1);
        final Thread serving = new Thread(() -> status.set(
                main(Map.of()).run("serve", "--dir", dir.toString(), "--port", "0")));
        serving.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString(UTF_8).startsWith("JWKS at "));
            final URI url = URI.create(out.toString(UTF_8).strip().substring("JWKS at ".length()));

            final HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains(DevKeys.loadOrCreate(dir).keyId());
        } finally {
            serving.interrupt();
            serving.join(Duration.ofSeconds(10));
        }
        assertThat(status).hasValue(0);
    }

    private DevIdentityMain main(Map<String, String> env) {
        return new DevIdentityMain(env, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    }
}
