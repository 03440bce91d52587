package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code HERALD_LINK_SENDS=false} every send is a unary call, answered and refused as over a link. */
class UnarySendsIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of("HERALD_LINK_SENDS", "false"));

    @Test
    void sendsAreUnaryCallsWhenLinkSendsAreOff() throws Exception {
        TestClient client = env.online(GatewayExtension.user("hal"));

        client.message("m1", "hello", "bob");
        assertThat(client.next().path("event").asText()).isEqualTo("ack");
        env.backend().rateLimitNextSend("too many sends for this user: retry after 250 ms",
                Duration.ofMillis(250));
        client.message("m2", "hello", "bob");
        JsonNode refused = client.next();

        assertThat(env.backend().sends).hasSize(2);
        assertThat(env.backend().linkSends).isEmpty();
        assertThat(refused.at("/data/status").asText()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED.name());
        assertThat(refused.at("/data/retryAfterMs").asLong()).isEqualTo(250);
    }
}
