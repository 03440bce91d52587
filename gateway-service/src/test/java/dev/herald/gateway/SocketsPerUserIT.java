package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user may hold {@code HERALD_MAX_SOCKETS_PER_USER} signed-in sockets on a gateway: the {@code online} of one
 * more is answered RESOURCE_EXHAUSTED and that socket closed with 4029, while the user's other sockets and other
 * users go on; a socket that closes makes room.
 */
class SocketsPerUserIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of("HERALD_MAX_SOCKETS_PER_USER", "2"));

    @Test
    void theSocketPastTheLimitIsRefusedAndClosedWith4029() throws Exception {
        String alice = GatewayExtension.user("alice");
        TestClient first = env.online(alice);
        TestClient second = env.online(alice);
        int onlinesBefore = env.backend().onlineCalls.size();

        TestClient third = env.connect();
        third.online("o3", env.token(alice));
        JsonNode refused = third.next();
        CloseReason closed = third.awaitClose();

        assertThat(refused.toString()).isEqualTo("{\"event\":\"exception\",\"id\":\"o3\",\"data\":{"
                + "\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"too many sockets for this user: at most 2 on this gateway\"}}");
        assertThat(closed.getCloseCode().getCode()).isEqualTo(4029);
        assertThat(closed.getReasonPhrase()).isEqualTo("too many sockets for this user: at most 2 on this gateway");
        assertThat(env.backend().onlineCalls).hasSize(onlinesBefore); // refused before calling the message-service

        // The user's sockets and another user are unaffected.
        TestClient bob = env.online(GatewayExtension.user("bob"));
        bob.message("m1", "hi", alice);
        assertThat(bob.next().path("event").asText()).isEqualTo("ack");
        assertThat(first.next().at("/data/body").asText()).isEqualTo("hi");
        assertThat(second.next().at("/data/body").asText()).isEqualTo("hi");

        // A fresh token on a socket already in does not count as another socket.
        first.online("refresh", env.token(alice));
        assertThat(first.next().path("event").asText()).isEqualTo("ack");

        first.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            TestClient again = env.connect();
            again.online("o4", env.token(alice));
            assertThat(again.next().path("event").asText()).isEqualTo("ack");
        });
    }

    @Test
    void concurrentSignInsNeverPassTheLimit() throws Exception {
        String carol = GatewayExtension.user("carol");
        env.backend().holdOnlines();
        TestClient[] sockets = new TestClient[6];
        try {
            for (int i = 0; i < sockets.length; i++) {
                sockets[i] = env.connect();
                sockets[i].online("o" + i, env.token(carol));
            }
            // A socket is registered while its Online call runs, so once two are, the others are refused, most of them
            // without calling the message-service at all; the limit is checked again when each is registered.
            await().atMost(Duration.ofSeconds(5)).until(() -> env.backend().onlineCalls.stream()
                    .filter(carol::equals).count() >= 2);
        } finally {
            env.backend().releaseOnlines();
        }

        int acked = 0;
        int refused = 0;
        for (TestClient socket : sockets) {
            JsonNode answer = socket.next();
            if (answer.path("event").asText().equals("ack")) {
                acked++;
                assertThat(socket.isOpen()).isTrue();
            } else {
                refused++;
                assertThat(answer.at("/data/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
                assertThat(socket.awaitCloseCode()).isEqualTo(4029);
            }
        }
        assertThat(acked).isEqualTo(2);
        assertThat(refused).isEqualTo(4);
    }
}
