package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.herald.bench.testing.HeraldStubServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole command line against the in-test stub: one process, and two worker JVMs merged by the parent. */
class MainTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void directRunInOneProcessReportsEveryDelivery() throws Exception {
        try (HeraldStubServer server = HeraldStubServer.start()) {
            final int status = run(server, "--mode", "direct", "--rate", "200", "--out",
                                   dir.resolve("results/direct.json").toString());
            final JsonNode report = mapper.readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(report.path("processes").asInt()).isEqualTo(1);
            assertThat(report.path("connections").path("established").asInt()).isEqualTo(30);
            final JsonNode send = report.path("send");
            assertThat(send.path("messagesSent").asLong()).isEqualTo(200);
            assertThat(send.path("acked").asLong()).isEqualTo(200);
            assertThat(send.path("deliveriesReceived").asLong()).isEqualTo(200);
            assertThat(send.path("deliveryRatio").asDouble()).isEqualTo(1.0);
            assertThat(send.path("latencyMs").path("count").asLong()).isEqualTo(200);
            assertThat(report.path("persistence").isNull()).isTrue();
            assertThat(report.path("zeroLost").asBoolean()).isTrue();
            assertThat(report.path("zeroDuplicated").asBoolean()).isTrue();
            assertThat(mapper.readTree(dir.resolve("results/direct.json").toFile())).isEqualTo(report);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("deliveries", "200/200");
        }
    }

    @Test
    void twoWorkerProcessesAreMerged() throws Exception {
        try (HeraldStubServer server = HeraldStubServer.start()) {
            final int status = run(server, "--mode", "fanout", "--fanout", "3", "--rate", "100", "--processes", "2");
            final JsonNode report = mapper.readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(report.path("processes").asInt()).isEqualTo(2);
            assertThat(report.path("connections").path("established").asInt()).isEqualTo(30);
            assertThat(report.path("send").path("messagesSent").asLong()).isEqualTo(100);
            assertThat(report.path("send").path("expectedDeliveries").asLong()).isEqualTo(300);
            assertThat(report.path("send").path("deliveriesReceived").asLong()).isEqualTo(300);
            assertThat(report.path("send").path("latencyMs").path("count").asLong()).isEqualTo(300);
            assertThat(server.messages()).isEqualTo(100);
        }
    }

    @Test
    void duplicatesFailTheRun() throws Exception {
        try (HeraldStubServer server = HeraldStubServer.startDuplicating(7)) {
            final int status = run(server, "--mode", "direct", "--rate", "100");
            final JsonNode report = mapper.readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(status).isEqualTo(Main.LOST_OR_DUPLICATED);
            assertThat(report.path("send").path("duplicatesReceived").asLong()).isEqualTo(14);
            assertThat(report.path("zeroDuplicated").asBoolean()).isFalse();
        }
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(new Main().run(List.of("--mode", "nope"), print(out), print(err))).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    }

    private int run(HeraldStubServer server, String... args) throws Exception {
        final Path tokens = dir.resolve("tokens.json");
        final ArrayNode users = mapper.createArrayNode();
        for (int i = 1; i <= 30; i++) {
            users.addObject().put("id", "u" + i).put("username", "u" + i)
                    .put("token", HeraldStubServer.tokenOf("u" + i));
        }
        mapper.writeValue(tokens.toFile(), users);
        final List<String> all = new ArrayList<>(List.of(
                "--url", server.url().toString(), "--tokens", tokens.toString(), "--conns", "30", "--senders", "5",
                "--duration", "1", "--no-db", "--quiet", "--settle-max", "20"));
        all.addAll(List.of(args));
        return new Main().run(all, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
