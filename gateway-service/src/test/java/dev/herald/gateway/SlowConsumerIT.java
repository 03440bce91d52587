package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that stops reading is disconnected instead of growing the gateway's heap. */
class SlowConsumerIT {

    private static final int QUEUE_LIMIT = 4;

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(
            Map.of("HERALD_OUTBOUND_QUEUE_LIMIT", String.valueOf(QUEUE_LIMIT)));

    @Test
    void closesASocketWhoseOutboundQueueOverflowsWith1013() throws Exception {
        String slow = GatewayExtension.user("slow");
        String sender = GatewayExtension.user("sender");
        String body = "z".repeat(60_000);
        try (RawWebSocket reader = RawWebSocket.connect(env.gateway().port())) {
            reader.sendText("{\"event\":\"online\",\"id\":\"c1\",\"data\":{\"token\":\"" + env.token(slow) + "\"}}");
            assertThat(reader.read().text()).contains("\"event\":\"ack\"");
            TestClient fast = env.online(sender);
            TestClient bystander = env.online(sender);

            // The reader stops reading: once the TCP buffers are full, its frames pile up in the gateway.
            int sent = 0;
            while (env.backend().onlineUsers().contains(slow) && sent < 2_000) {
                fast.message("m" + sent, body, slow);
                assertThat(fast.next().path("event").asText()).isEqualTo("ack");
                assertThat(bystander.next().path("event").asText()).isEqualTo("message");
                sent++;
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> !env.backend().onlineUsers().contains(slow));
            assertThat(sent).isGreaterThan(QUEUE_LIMIT);

            RawWebSocket.Frame frame = reader.read();
            int delivered = 0;
            while (frame.opcode() != RawWebSocket.CLOSE) {
                // Messages only: on a slow machine the reader stays silent past the ping interval and gets pinged.
                if (frame.opcode() != RawWebSocket.PING) {
                    delivered++;
                }
                frame = reader.read();
            }
            assertThat(frame.closeCode()).isEqualTo(1013);
            assertThat(delivered).isLessThan(sent);
            assertThat(fast.isOpen()).isTrue();
            assertThat(bystander.isOpen()).isTrue();
        }
    }
}
