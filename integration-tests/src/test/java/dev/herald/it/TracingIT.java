package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.observability.trace.Traceparent;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One message followed across the three services' logs by the trace id its client sent: the gateway's line for the
 * request, the message-service's line for the call, and the worker's line for the batch that stored it. The
 * per-request lines are at DEBUG, which this test turns on for those loggers.
 */
class TracingIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static LogCapture logs;
    static HeraldStack stack;

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.start("dev.herald.gateway.transport.GatewayEndpoint",
                "dev.herald.message.trace.TraceInterceptor", "dev.herald.worker.consume.BatchHandler");
        stack = HeraldStack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        logs.close();
    }

    @Test
    void aMessageCanBeFollowedAcrossTheThreeServicesLogsByItsTraceId() {
        String traceId = Traceparent.newRoot().traceId();
        try (WsClient bob = stack.online("trace-bob", "Bob"); WsClient alice = stack.online("trace-alice", "Alice")) {
            alice.sendText("{\"event\":\"message\",\"id\":\"t1\",\"traceparent\":\"00-" + traceId
                    + "-00f067aa0ba902b7-01\",\"data\":{\"receivers\":[\"trace-bob\"],\"body\":\"traced\"}}");

            JsonNode ack = alice.await(frame -> "t1".equals(frame.path("id").asText(null)), WAIT);
            assertThat(ack.path("event").asText()).isEqualTo("ack");
            assertThat(bob.awaitEvents("message", 1, WAIT)).hasSize(1);
            await().atMost(WAIT).untilAsserted(() -> {
                List<LogCapture.Line> lines = logs.mentioning(traceId);
                assertThat(lines).as("the gateway's line for the request")
                        .anyMatch(line -> line.logger().startsWith("dev.herald.gateway.") && carries(line, traceId));
                assertThat(lines).as("the message-service's line for the call")
                        .anyMatch(line -> line.logger().startsWith("dev.herald.message.") && carries(line, traceId));
                assertThat(lines).as("the worker's line for the batch that stored the message")
                        .anyMatch(line -> line.logger().startsWith("dev.herald.worker.")
                                && line.message().equals("batch stored"));
            });
        }
    }

    @Test
    void aDeadLetterIsLoggedInTheTraceItsRecordWasPublishedIn() throws Exception {
        Traceparent trace = Traceparent.newRoot();
        String subject = stack.env.get("HERALD_NATS_SUBJECT_PREFIX") + ".message";
        try (Connection nats = Nats.connect(stack.nats.url())) {
            Headers headers = new Headers().put(Traceparent.HEADER, trace.format());
            nats.jetStream().publish(subject, headers, "not a stream event".getBytes(StandardCharsets.UTF_8));
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(logs.mentioning(trace.traceId()))
                .anyMatch(line -> line.level() == Level.WARN && line.logger().startsWith("dev.herald.worker.")
                        && carries(line, trace.traceId())));
    }

    /** Whether the line carries the trace id in its MDC, as every line written inside a request's scope does. */
    private static boolean carries(LogCapture.Line line, String traceId) {
        return traceId.equals(line.mdc().get("trace_id"));
    }
}
