package dev.herald.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean natsUp = new AtomicBoolean(false);
    private PrometheusMeterRegistry registry;
    private OpsHttpServer server;

    @BeforeEach
    void start() {
        registry = ServiceMeters.create("test-service");
        Readiness readiness = new Readiness()
                .add("database", () -> ReadinessCheck.Status.ready("connected"))
                .add("nats", () -> natsUp.get() ? ReadinessCheck.Status.ready("connected")
                        : ReadinessCheck.Status.notReady("no connection to nats://127.0.0.1:4222"));
        server = OpsHttpServer.start(new OpsSettings("127.0.0.1", 0), registry, readiness, "test");
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    @Test
    void metricsAreInPrometheusTextFormatWithTheJvmsOwnAndTheServiceTag() throws Exception {
        registry.counter("herald_test_events", "outcome", "ok").increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body())
                .contains("herald_test_events_total{outcome=\"ok\",service=\"test-service\"} 3.0")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_gc_")
                .contains("process_cpu_usage");
    }

    @Test
    void readyIs503NamingWhatIsNotReadyUntilEveryCheckPasses() throws Exception {
        HttpResponse<String> down = get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{"
                + "\"database\":{\"ready\":true,\"detail\":\"connected\"},"
                + "\"nats\":{\"ready\":false,\"detail\":\"no connection to nats://127.0.0.1:4222\"}}}");

        natsUp.set(true);
        HttpResponse<String> up = get("/health/ready");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).startsWith("{\"status\":\"UP\"");
    }

    @Test
    void liveAnswersWhileReadyDoesNot() throws Exception {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void aCheckThatThrowsIsNotReadyAndSaysWhy() {
        Readiness readiness = new Readiness().add("broken", () -> {
            throw new IllegalStateException("pool closed");
        });
        ReadinessReport report = readiness.report();
        assertThat(report.ready()).isFalse();
        assertThat(report.failing()).isEqualTo("broken: check failed: java.lang.IllegalStateException: pool closed");
    }

    @Test
    void noChecksMeansNotReady() {
        assertThat(new Readiness().report().ready()).isFalse();
    }

    @Test
    void otherPathsAre404AndOtherMethods405() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/extra").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
