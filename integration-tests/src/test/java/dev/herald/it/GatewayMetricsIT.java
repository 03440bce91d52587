package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.gateway.GatewayConfig;
import dev.herald.gateway.GatewayServer;
import dev.herald.message.MessageServer;
import dev.herald.message.MessageServiceConfig;
import dev.herald.testing.FreePorts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's operations endpoint, scraped over HTTP while real clients talk through the whole stack: the
 * counters move by exactly the requests, deliveries and sockets the test made, the latency histograms count each
 * acked message and each delivery, no label carries a user id; {@code /health/ready} follows the links to the
 * message-services.
 */
class GatewayMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient http = HttpClient.newHttpClient();

    static HeraldStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void requestsDeliveriesAndSocketsAreCountedAsTheyHappen() throws Exception {
        int ops = stack.gateway.opsPort();
        String bobId = "bob-metrics-7f3a";
        String aliceId = "alice-metrics-9c1e";
        Samples before = Samples.scrape(ops);
        try (WsClient bob = stack.online(bobId, "Bob"); WsClient alice = stack.online(aliceId, "Alice")) {
            for (int i = 0; i < 5; i++) {
                JsonNode ack = alice.request("message", Map.of("receivers", List.of(bobId), "body", "hi " + i));
                assertThat(ack.path("event").asText()).as("ack: %s", ack).isEqualTo("ack");
            }
            bob.awaitEvents("message", 5, WAIT);
            assertThat(alice.request("message", Map.of("body", "to nobody")).path("event").asText())
                    .isEqualTo("exception");
            assertThat(alice.request("no-such-event-" + aliceId, Map.of()).path("event").asText())
                    .isEqualTo("exception");
            assertThat(alice.request("unread", Map.of()).path("event").asText()).isEqualTo("ack");

            Samples during = Samples.scrape(ops);
            assertThat(during.delta(before, "herald_gateway_requests_total", "event", "message", "outcome", "ok"))
                    .isEqualTo(5);
            assertThat(during.delta(before, "herald_gateway_requests_total", "event", "message",
                    "outcome", "invalid_argument")).isEqualTo(1);
            assertThat(during.delta(before, "herald_gateway_requests_total", "event", "unknown",
                    "outcome", "invalid_argument")).as("an event nobody answers is not a label value").isEqualTo(1);
            assertThat(during.delta(before, "herald_gateway_requests_total", "event", "online", "outcome", "ok"))
                    .isEqualTo(2);
            assertThat(during.delta(before, "herald_gateway_requests_total", "event", "unread", "outcome", "ok"))
                    .isEqualTo(1);
            assertThat(during.delta(before, "herald_gateway_signins_total", "outcome", "ok")).isEqualTo(2);
            assertThat(during.delta(before, "herald_gateway_request_duration_seconds_count", "event", "message"))
                    .as("the send ack latency: one per acked message").isEqualTo(5);
            assertThat(during.delta(before, "herald_gateway_request_duration_seconds_sum", "event", "message"))
                    .isPositive().isLessThan(5 * WAIT.toSeconds());
            assertThat(during.delta(before, "herald_gateway_request_duration_seconds_bucket", "event", "message",
                    "le", "+Inf")).isEqualTo(5);
            assertThat(during.delta(before, "herald_gateway_deliveries_total", "kind", "message")).isEqualTo(5);
            assertThat(during.delta(before, "herald_gateway_delivery_latency_seconds_count")).isEqualTo(5);
            assertThat(during.delta(before, "herald_gateway_delivery_latency_seconds_sum"))
                    .isGreaterThanOrEqualTo(0).isLessThan(5 * WAIT.toSeconds());
            assertThat(during.delta(before, "herald_gateway_frames_received_total"))
                    .as("2 online, 5 messages, 1 bad message, 1 unknown event, 1 unread").isEqualTo(10);
            assertThat(during.delta(before, "herald_gateway_frames_sent_total"))
                    .as("10 answers and 5 deliveries, at least").isGreaterThanOrEqualTo(15);
            assertThat(during.value("herald_gateway_sockets_open")).isEqualTo(2);
            for (String budget : List.of("gateway_in_flight", "socket_in_flight", "refused_until",
                    "sockets_per_user", "early_events", "preauth_per_address", "file_descriptors")) {
                assertThat(during.has("herald_gateway_call_budget_refusals_total", "budget", budget))
                        .as("refusals of %s", budget).isTrue();
            }
            assertThat(during.has("jvm_memory_used_bytes", "service", "gateway")).isTrue();
            assertThat(during.text()).as("no label value carries a user id or a client's event name")
                    .doesNotContain(aliceId).doesNotContain(bobId);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            Samples after = Samples.scrape(ops);
            assertThat(after.value("herald_gateway_sockets_open")).isZero();
            assertThat(after.delta(before, "herald_gateway_sockets_closed_total", "code", "1000")).isEqualTo(2);
        });
    }

    @Test
    void readyWhileLinkedToEveryMessageServiceAndNotWhileOneIsDown() throws Exception {
        Map<String, String> second = new HashMap<>(stack.env);
        second.put("HERALD_GRPC_PORT", Integer.toString(FreePorts.find()));
        MessageServer instance = MessageServer.start(MessageServiceConfig.fromEnv(second));
        Map<String, String> gatewayEnv = new HashMap<>(stack.env);
        gatewayEnv.put("HERALD_MESSAGE_SERVICE_TARGETS",
                "127.0.0.1:" + stack.grpcPort() + ",127.0.0.1:" + instance.port());
        int ops;
        try (GatewayServer gateway = GatewayServer.start(GatewayConfig.fromEnv(gatewayEnv))) {
            ops = gateway.opsPort();
            assertThat(get(ops, "/health/live").statusCode()).isEqualTo(200);
            awaitReady(ops, 200, "\"links\":{\"ready\":true,\"detail\":\"2 of 2 message-service links up\"}");
            assertThat(get(ops, "/health/ready").body()).startsWith("{\"status\":\"UP\"")
                    .contains("\"websocket\":{\"ready\":true,\"detail\":\"accepting sockets\"}");

            instance.close();
            awaitReady(ops, 503, "\"links\":{\"ready\":false,\"detail\":\"1 of 2 message-service links up; down: 127.0.0.1:"
                    + second.get("HERALD_GRPC_PORT") + "\"}");
            assertThat(get(ops, "/health/live").statusCode()).as("alive all the same").isEqualTo(200);

            instance = MessageServer.start(MessageServiceConfig.fromEnv(second));
            awaitReady(ops, 200, "\"detail\":\"2 of 2 message-service links up\"");
        } finally {
            instance.close();
        }
        assertThatThrownBy(() -> get(ops, "/health/live")).as("the endpoint stops with the gateway")
                .isInstanceOf(ConnectException.class);
    }

    private static void awaitReady(int port, int status, String body) {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> ready = get(port, "/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(status);
            assertThat(ready.body()).contains(body);
        });
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One scrape of {@code /metrics}, read as Prometheus text: every sample with its labels. */
    private record Samples(String text, List<Sample> samples) {

        private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        record Sample(String name, Map<String, String> labels, double value) {}

        static Samples scrape(int port) throws IOException, InterruptedException {
            HttpResponse<String> response = get(port, "/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            List<Sample> samples = new ArrayList<>();
            for (String line : response.body().split("\n")) {
                Matcher sample = LINE.matcher(line);
                if (line.startsWith("#") || !sample.matches()) {
                    continue;
                }
                Map<String, String> labels = new HashMap<>();
                if (sample.group(2) != null) {
                    Matcher label = LABEL.matcher(sample.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
            return new Samples(response.body(), samples);
        }

        /** Whether a sample of {@code name} has the labels {@code pairs} (name, value, name, value…). */
        boolean has(String name, String... pairs) {
            return samples.stream().anyMatch(sample -> matches(sample, name, pairs));
        }

        /** The sum of the samples of {@code name} with the labels {@code pairs}; 0 when there is none. */
        double value(String name, String... pairs) {
            return samples.stream().filter(sample -> matches(sample, name, pairs)).mapToDouble(Sample::value).sum();
        }

        double delta(Samples before, String name, String... pairs) {
            return value(name, pairs) - before.value(name, pairs);
        }

        private static boolean matches(Sample sample, String name, String... pairs) {
            if (!sample.name().equals(name)) {
                return false;
            }
            for (int i = 0; i < pairs.length; i += 2) {
                if (!pairs[i + 1].equals(sample.labels().get(pairs[i]))) {
                    return false;
                }
            }
            return true;
        }
    }
}
