package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every admin operation from the command line, as an operator would run it: {@code buf curl}
 * (npm {@code @bufbuild/buf}) speaks the same server-reflection protocol as grpcurl, which cannot
 * be installed here. No stubs are compiled in: reflection alone describes the API.
 */
class AdminCliIT {

    static final String BUF = "@bufbuild/buf@1.75.0";
    static final ObjectMapper json = new ObjectMapper();
    static HeraldStack stack;
    static String adminToken;

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
        adminToken = stack.tokens.issue("root", "Root", true, java.time.Duration.ofMinutes(30));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void everyAdminOperationWorksThroughReflection() throws Exception {
        String prefix = "cli-" + UUID.randomUUID().toString().substring(0, 6);
        JsonNode provisioned = call("ProvisionUsers",
                "{\"users\":[{\"id\":\"" + prefix + "-a\",\"name\":\"Ann\"},{\"id\":\"" + prefix + "-b\",\"name\":\"Ben\"}]}");
        assertThat(provisioned.path("upserted").asInt()).isEqualTo(2);

        GrpcUser sender = stack.grpc(prefix + "-s", false).known();
        String id = sender.send("find me via the cli " + prefix, prefix + "-a", prefix + "-b");

        assertThat(call("GetUser", "{\"id\":\"" + prefix + "-a\"}").path("user").path("name").asText()).isEqualTo("Ann");
        assertThat(call("ListUsers", "{\"after\":\"" + prefix + "\",\"limit\":2}").path("users"))
                .extracting(u -> u.path("id").asText()).containsExactly(prefix + "-a", prefix + "-b");
        assertThat(call("QueryMessages", "{\"filter\":{\"text\":\"" + prefix + "\"}}").path("messages"))
                .extracting(m -> m.path("message").path("id").asText()).containsExactly(id);
        assertThat(call("CountMessages", "{\"filter\":{\"senderId\":\"" + prefix + "-s\"}}").path("count").asText())
                .isEqualTo("1");
        assertThat(call("GetMessage", "{\"id\":\"" + id + "\"}").path("message").path("receipts"))
                .hasSize(2);
        assertThat(call("DeleteMessages", "{\"ids\":[\"" + id + "\"]}").path("changed"))
                .extracting(JsonNode::asText).containsExactly(id);
        assertThat(call("CountMessages", "{\"filter\":{\"senderId\":\"" + prefix + "-s\"}}").path("count").asText("0"))
                .isEqualTo("0");
        // Nothing failed to store, so there are no dead letters; an unknown one is reported as such.
        assertThat(call("ListDeadLetters", "{\"limit\":20}").path("totalCount").asText("0")).isEqualTo("0");
        JsonNode retried = call("RetryDeadLetters", "{\"ids\":[\"17\"],\"streamSequences\":[\"123456\"]}");
        assertThat(retried.path("unknownIds")).extracting(JsonNode::asText).containsExactly("17");
        assertThat(retried.path("unknownStreamSequences")).extracting(JsonNode::asText).containsExactly("123456");
        // Erasure: answered once in the stream; the next read (which waits for the worker) no longer finds the user.
        assertThat(call("EraseUser", "{\"userId\":\"" + prefix + "-a\"}").path("erasedAt").asText()).isNotEmpty();
        Result gone = run(curl(adminToken, "GetUser", "{\"id\":\"" + prefix + "-a\"}"));
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.out() + gone.err()).contains("not_found");
    }

    @Test
    void reflectionListsTheServicesAndANonAdminIsDenied() throws Exception {
        Result list = run(List.of("npx", "--yes", BUF, "curl", "--protocol", "grpc", "--http2-prior-knowledge",
                "--list-services", "http://127.0.0.1:" + stack.grpcPort()));
        assertThat(list.out()).contains("herald.v1.AdminService", "herald.v1.InboxService", "herald.v1.MessageService");

        String userToken = stack.tokens.issue("nobody", "Nobody", false, java.time.Duration.ofMinutes(5));
        Result denied = run(curl(userToken, "ListUsers", "{}"));
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.out() + denied.err()).contains("permission_denied");
    }

    private static JsonNode call(String method, String body) throws Exception {
        Result result = run(curl(adminToken, method, body));
        assertThat(result.exitCode()).as(method + ": " + result.err()).isZero();
        return json.readTree(result.out().isBlank() ? "{}" : result.out());
    }

    private static List<String> curl(String token, String method, String body) {
        return List.of("npx", "--yes", BUF, "curl", "--protocol", "grpc", "--http2-prior-knowledge",
                "-H", "authorization: Bearer " + token, "-d", body,
                "http://127.0.0.1:" + stack.grpcPort() + "/herald.v1.AdminService/" + method);
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
