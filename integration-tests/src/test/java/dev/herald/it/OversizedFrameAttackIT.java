package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Frames far over the frame limit, before and after sign-in, against the whole stack: each such socket is closed
 * with 1009 while a bystander's messages keep flowing.
 */
class OversizedFrameAttackIT {

    @Test
    void everyOversizedFrameIsClosedWith1009AndABystanderIsUnaffected() throws Exception {
        try (HeraldStack stack = HeraldStack.start(Map.of()); Bystander bystander = Bystander.start(stack)) {
            for (int size : new int[] {65_537, 1 << 20}) {
                try (WsClient signedIn = stack.online("big-" + UUID.randomUUID().toString().substring(0, 8), "Big")) {
                    assertClosedWith1009(signedIn, size);
                }
                try (WsClient anonymous = stack.connect()) {
                    assertClosedWith1009(anonymous, size);
                }
            }
            bystander.finish();
        }
    }

    private static void assertClosedWith1009(WsClient client, int size) {
        String frame = "{\"event\":\"message\",\"data\":{\"receivers\":[\"x\"],\"body\":\"" + "a".repeat(size) + "\"}}";
        try {
            client.sendText(frame);
        } catch (RuntimeException e) {
            // The gateway may close the connection while the client is still writing the frame.
        }
        CloseReason reason = client.awaitClose(Duration.ofSeconds(20));
        assertThat(reason.getCloseCode().getCode()).as("close code for a %d-byte frame", size).isEqualTo(1009);
    }
}
