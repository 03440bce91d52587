package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that stops reading is closed once its unwritten bytes pass HERALD_OUTBOUND_QUEUE_BYTES. */
class SlowConsumerBytesIT {

    private static final int QUEUE_BYTES = 256 * 1024;

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(
            Map.of("HERALD_OUTBOUND_QUEUE_BYTES", String.valueOf(QUEUE_BYTES)));

    @Test
    void closesASocketWhoseUnwrittenBytesPassTheBoundWith1013LongBeforeItsFrameLimit() throws Exception {
        String slow = GatewayExtension.user("slow");
        String sender = GatewayExtension.user("sender");
        String body = "z".repeat(60_000);
        try (RawWebSocket reader = RawWebSocket.connect(env.gateway().port())) {
            reader.sendText("{\"event\":\"online\",\"id\":\"c1\",\"data\":{\"token\":\"" + env.token(slow) + "\"}}");
            assertThat(reader.read().text()).contains("\"event\":\"ack\"");
            TestClient fast = env.online(sender);

            // The reader stops reading: once the TCP buffers are full, its frames wait in the gateway.
            int sent = 0;
            while (env.backend().onlineUsers().contains(slow) && sent < 1_000) {
                fast.message("m" + sent, body, slow);
                assertThat(fast.next().path("event").asText()).isEqualTo("ack");
                sent++;
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !env.backend().onlineUsers().contains(slow));

            RawWebSocket.Frame frame = reader.read();
            while (frame.opcode() != RawWebSocket.CLOSE) {
                frame = reader.read();
            }
            assertThat(frame.closeCode()).isEqualTo(1013);
            assertThat(frame.closeReason()).isEqualTo("slow consumer: more than 262144 bytes waiting");
            assertThat(fast.isOpen()).isTrue();
        }
    }
}
