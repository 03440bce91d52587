package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sockets that do not authenticate in time, or whose token runs out. */
class AuthDeadlineIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of("HERALD_AUTH_TIMEOUT_SECONDS", "1"));

    @Test
    void closesASocketThatSendsNoOnlineInTime() throws Exception {
        TestClient client = env.connect();

        assertThat(client.next().at("/data/message").asText()).isEqualTo("authentication timed out");
        assertThat(client.awaitCloseCode()).isEqualTo(1008);
    }

    @Test
    void keepsASocketThatWentOnlineInTime() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(client::isOpen);
    }

    @Test
    void endsTheSessionWhenTheTokenExpires() throws Exception {
        String alice = GatewayExtension.user("alice");
        TestClient client = env.connect();
        client.online("c1", env.token(alice, Duration.ofSeconds(2)));
        assertThat(client.next().path("event").asText()).isEqualTo("ack");

        assertThat(client.nextText()).isEqualTo(
                "{\"event\":\"exception\",\"data\":{\"status\":\"UNAUTHENTICATED\",\"message\":\"token expired\"}}");
        assertThat(client.awaitCloseCode()).isEqualTo(1008);
        await().atMost(Duration.ofSeconds(5)).until(() -> !env.backend().onlineUsers().contains(alice));
    }

    @Test
    void aRefreshedTokenOutlivesTheFirstOne() throws Exception {
        String alice = GatewayExtension.user("alice");
        TestClient client = env.connect();
        client.online("c1", env.token(alice, Duration.ofSeconds(2)));
        assertThat(client.next().path("event").asText()).isEqualTo("ack");

        client.online("c2", env.token(alice, Duration.ofHours(1)));
        assertThat(client.next().path("id").asText()).isEqualTo("c2");

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(client::isOpen);
    }
}
