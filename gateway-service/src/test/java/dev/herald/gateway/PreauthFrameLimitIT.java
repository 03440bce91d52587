package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HERALD_PREAUTH_MAX_FRAME_BYTES (8192) bounds a socket's messages until it signs in; then HERALD_MAX_FRAME_BYTES
 * (65536) does.
 */
class PreauthFrameLimitIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    void beforeSignInAMessageOverTheSmallLimitClosesWith1009() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(env.gateway().port())) {
            raw.sendText("x".repeat(8192)); // at the limit: only not JSON
            assertThat(TestClient.JSON.readTree(raw.read().text()).path("event").asText()).isEqualTo("exception");

            try {
                raw.sendText("x".repeat(8193));
            } catch (IOException closedMidFrame) {
                // The gateway closes the connection right behind its 1009, which is in the receive buffer.
            }

            OversizedFramesIT.assertClosedTooBig(raw, "message over 8192 bytes");
        }
    }

    @Test
    void afterSignInALargeButValidMessageIsAccepted() throws Exception {
        String ivan = GatewayExtension.user("ivan");
        String judy = GatewayExtension.user("judy");
        TestClient receiver = env.online(judy);
        try (RawWebSocket raw = RawWebSocket.connect(env.gateway().port())) {
            assertThat(env.signIn(raw, ivan).path("event").asText()).isEqualTo("ack");
            String body = "b".repeat(40_000);

            raw.sendText("{\"event\":\"message\",\"id\":\"big\",\"data\":{\"receivers\":[\"" + judy + "\"],\"body\":\""
                    + body + "\"}}");

            JsonNode ack = TestClient.JSON.readTree(raw.read().text());
            assertThat(ack.path("event").asText()).as("%s", ack).isEqualTo("ack");
            assertThat(receiver.next().at("/data/body").asText()).isEqualTo(body);
        }
    }
}
