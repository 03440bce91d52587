package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.observability.trace.Traceparent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each request's trace reaches the message-service as {@code traceparent} metadata. */
class TracingIT {

    private static final String CLIENT_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    void aMessageContinuesTheFramesTraceWithTheGatewaysOwnSpan() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));

        client.send("{\"event\":\"message\",\"id\":\"m1\",\"traceparent\":\"" + CLIENT_TRACE + "\",\"data\":"
                + "{\"receivers\":[\"" + GatewayExtension.user("bob") + "\"],\"body\":\"hi\"}}");

        assertThat(client.next().path("event").asText()).isEqualTo("ack");
        Traceparent sent = Traceparent.parse(env.backend().traceparents.getLast()).orElseThrow();
        assertThat(sent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(sent.spanId()).isNotEqualTo("00f067aa0ba902b7");
        assertThat(sent.flags()).isEqualTo("01");
    }

    @Test
    void anApiCallCarriesItsTraceToo() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));

        client.send("{\"event\":\"inbox\",\"id\":\"r1\",\"traceparent\":\"" + CLIENT_TRACE + "\",\"data\":{}}");

        assertThat(client.next().path("event").asText()).isEqualTo("ack");
        assertThat(Traceparent.parse(env.backend().traceparents.getLast()).orElseThrow().traceId())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aFrameWithoutATraceStartsANewOnePerRequest() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));
        String bob = GatewayExtension.user("bob");

        client.message("m1", "one", bob);
        assertThat(client.next().path("event").asText()).isEqualTo("ack");
        Traceparent first = Traceparent.parse(env.backend().traceparents.getLast()).orElseThrow();
        client.message("m2", "two", bob);
        assertThat(client.next().path("event").asText()).isEqualTo("ack");
        Traceparent second = Traceparent.parse(env.backend().traceparents.getLast()).orElseThrow();

        assertThat(first.traceId()).isNotEqualTo(second.traceId());
    }

    @Test
    void anInvalidTraceIsIgnoredNotRefused() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));

        client.send("{\"event\":\"message\",\"id\":\"m1\",\"traceparent\":\"00-" + "0".repeat(32)
                + "-00f067aa0ba902b7-01\",\"data\":{\"receivers\":[\"" + GatewayExtension.user("bob")
                + "\"],\"body\":\"hi\"}}");

        JsonNode ack = client.next();
        assertThat(ack.path("event").asText()).isEqualTo("ack");
        assertThat(ack.path("id").asText()).isEqualTo("m1");
        Traceparent sent = Traceparent.parse(env.backend().traceparents.getLast()).orElseThrow();
        assertThat(sent.traceId()).isNotEqualTo("0".repeat(32));
    }
}
