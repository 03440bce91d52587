package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.v1.PresenceChange;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A gateway in front of two message-service instances. */
class MultiInstanceIT {

    private static final int ACK_TIMEOUT_MS = 1500;

    @RegisterExtension
    static final GatewayExtension env =
            new GatewayExtension(Map.of("HERALD_PRESENCE_ACK_TIMEOUT_MS", String.valueOf(ACK_TIMEOUT_MS)), 2);

    @Test
    void announcesAFirstSocketToEveryInstanceBeforeTheAck() throws Exception {
        String amy = GatewayExtension.user("amy");

        env.online(amy);

        for (TestBackend backend : env.backends()) {
            assertThat(backend.presenceChanges).anyMatch(change -> change.getUserId().equals(amy) && change.getOnline());
            assertThat(backend.onlineUsers()).contains(amy);
        }
    }

    @Test
    void spreadsCallsOverTheInstances() throws Exception {
        String amy = GatewayExtension.user("amy");
        TestClient client = env.online(amy);
        int first = env.backends().get(0).sends.size();
        int second = env.backends().get(1).sends.size();

        for (int i = 0; i < 4; i++) {
            client.message("m" + i, "hello", amy);
            assertThat(client.next().path("id").asText()).isEqualTo("m" + i);
        }

        assertThat(env.backends().get(0).sends.size() - first).isEqualTo(2);
        assertThat(env.backends().get(1).sends.size() - second).isEqualTo(2);
    }

    @Test
    void acksOnlineAfterTheTimeoutWhenAnInstanceDoesNotConfirm() throws Exception {
        String ben = GatewayExtension.user("ben");
        TestBackend silent = env.backends().get(1);
        silent.withholdPresenceAcks(true);
        try {
            long start = System.nanoTime();

            env.online(ben);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(ACK_TIMEOUT_MS - 100));
            assertThat(silent.presenceChanges).extracting(PresenceChange::getUserId).contains(ben);
        } finally {
            silent.withholdPresenceAcks(false);
        }
    }
}
