package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.gateway.link.RendezvousChoice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user's {@code typing} goes to the user's own instance (the first of its rendezvous ranking whose link is up),
 * the same on every gateway, so the instance sees all of them to throttle; other calls still spread.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TypingRoutingIT {

    private static final String TYPING = "herald.v1.MessageService/Typing";
    private static final String PRESENCE = "herald.v1.MessageService/GetPresence";

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of(), 2);

    @Test
    @Order(1)
    void sendsEveryTypingOfAUserToItsFirstRankedInstanceAndSpreadsOtherCalls() throws Exception {
        for (int u = 0; u < 6; u++) {
            String user = GatewayExtension.user("typist" + u);
            String token = env.token(user);
            TestClient client = env.onlineWith(token);
            TestBackend first = backendAt(ranking().ranked(user).getFirst());

            for (int i = 0; i < 3; i++) {
                client.send("typing", "t" + i, "{\"to\":\"bob\"}");
                assertThat(client.nextText()).isEqualTo("{\"event\":\"ack\",\"id\":\"t" + i + "\",\"data\":{}}");
            }
            for (int i = 0; i < 4; i++) {
                client.send("presence", "p" + i, "{\"userIds\":[\"bob\"]}");
                assertThat(client.next().path("event").asText()).isEqualTo("ack");
            }

            for (TestBackend backend : env.backends()) {
                assertThat(calls(backend, TYPING, token)).as("typing at %s", backend.target())
                        .isEqualTo(backend == first ? 3 : 0);
                assertThat(calls(backend, PRESENCE, token)).as("presence at %s", backend.target()).isEqualTo(2);
            }
        }
    }

    /** Runs last: it stops an instance. */
    @Test
    @Order(2)
    void sendsTypingToTheNextRankedInstanceWhileTheFirstIsDown() throws Exception {
        TestBackend stopped = env.backends().get(0);
        TestBackend next = env.backends().get(1);
        String user = userRankingFirst(stopped);
        String token = env.token(user);
        TestClient client = env.onlineWith(token);

        stopped.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> env.gateway().linksUp() == 1);
        assertThat(client.nextText()).as("the ended link's resync").isEqualTo("{\"event\":\"resync\"}");
        client.send("typing", "t", "{\"to\":\"bob\"}");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"ack\",\"id\":\"t\",\"data\":{}}");
        assertThat(calls(next, TYPING, token)).isEqualTo(1);
    }

    private static RendezvousChoice ranking() {
        return new RendezvousChoice(env.backends().stream().map(TestBackend::target).toList());
    }

    private static TestBackend backendAt(String target) {
        return env.backends().stream().filter(backend -> backend.target().equals(target)).findFirst().orElseThrow();
    }

    private static String userRankingFirst(TestBackend backend) {
        while (true) {
            String user = GatewayExtension.user("typist");
            if (ranking().ranked(user).getFirst().equals(backend.target())) {
                return user;
            }
        }
    }

    private static long calls(TestBackend backend, String method, String token) {
        List<TestBackend.ApiRequest> requests = List.copyOf(backend.apiRequests);
        return requests.stream().filter(call -> call.method().equals(method) && call.token().equals(token)).count();
    }
}
