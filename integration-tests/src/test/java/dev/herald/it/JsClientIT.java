package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript client (clients/js) against the real stack: runs its Node integration tests
 * ({@code node --test clients/js/test/integration/}: direct and room chat, a receiver's socket cut mid-stream,
 * a lost ack re-sent with its clientId, token refresh) with the gateway's URL and an endpoint minting the
 * stack's tokens, and fails with node's output unless every test passed.
 */
class JsClientIT {

    private static final Path CLIENT = Path.of("..", "clients", "js").toAbsolutePath().normalize();
    private static final long NODE_TIMEOUT_SECONDS = 300;

    static HeraldStack stack;
    static TokenEndpoint tokens;

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
        tokens = TokenEndpoint.start(stack.tokens);
    }

    @AfterAll
    static void stop() throws Exception {
        if (tokens != null) {
            tokens.close();
        }
        stack.close();
    }

    @Test
    void theNodeIntegrationTestsPassAgainstTheRealStack() throws Exception {
        if (!Files.isDirectory(CLIENT.resolve("node_modules").resolve("ws"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of());
            assertThat(install.exitCode()).as("npm ci in %s:%n%s", CLIENT, install.output()).isZero();
        }

        Result tests = run(List.of("node", "--test", "--test-concurrency=1", "test/integration/"), Map.of(
                "HERALD_WS_URL", stack.socketUri().toString(),
                "HERALD_TOKEN_URL", tokens.uri().toString()));

        System.out.println(tests.output());
        assertThat(tests.exitCode()).as("node --test test/integration/ failed:%n%s", tests.output()).isZero();
        assertThat(tests.output()).contains("# fail 0").contains("js-reconnect ").contains(" missing=0 repeated=0");
    }

    private record Result(int exitCode, String output) {}

    /** Runs {@code command} in clients/js with {@code env} added, its output (stdout and stderr) in one file. */
    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path output = Files.createTempFile("js-client-it", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(CLIENT.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + NODE_TIMEOUT_SECONDS + " s: " + command + "\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
