package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.PresenceChange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the gateway tells the message-service about who holds sockets on it. */
class PresenceIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    void announcesTheFirstSocketBeforeTheAckAndTheLastSocketWhenItCloses() throws Exception {
        String carol = GatewayExtension.user("carol");

        TestClient first = env.online(carol);
        // The ack waits for the instance's presence ack: no waiting needed here.
        assertThat(changesOf(carol)).containsExactly(true);

        TestClient second = env.online(carol);
        assertThat(changesOf(carol)).containsExactly(true);

        first.close();
        assertThat(first.awaitCloseCode()).isEqualTo(1000);
        second.message("m1", "still online", carol);
        assertThat(second.next().path("id").asText()).isEqualTo("m1");
        assertThat(changesOf(carol)).containsExactly(true);

        second.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> changesOf(carol).size() == 2);
        assertThat(changesOf(carol)).containsExactly(true, false);
        assertThat(env.backend().onlineUsers()).doesNotContain(carol);
    }

    @Test
    void numbersPresenceChangesInOrder() throws Exception {
        String dave = GatewayExtension.user("dave");
        env.online(dave).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> changesOf(dave).size() == 2);

        List<Long> sequences = env.backend().presenceChanges.stream().map(PresenceChange::getSequence).toList();
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void helloCarriesTheOnlineUsersWhenTheLinkIsReopened() throws Exception {
        String erin = GatewayExtension.user("erin");
        String frank = GatewayExtension.user("frank");
        TestClient erinSocket = env.online(erin);
        TestClient frankSocket = env.online(frank);
        int hellosBefore = env.backend().hellos.size();

        env.backend().dropLinks();

        assertThat(erinSocket.nextText()).isEqualTo("{\"event\":\"resync\"}");
        assertThat(frankSocket.nextText()).isEqualTo("{\"event\":\"resync\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.backend().hellos.size() > hellosBefore
                && env.backend().openLinks() == 1);
        Hello hello = env.backend().hellos.getLast();
        assertThat(hello.getGatewayId()).isEqualTo(env.gateway().gatewayId());
        assertThat(hello.getOnlineUserIdsList()).contains(erin, frank);

        await().atMost(Duration.ofSeconds(10)).until(() -> env.gateway().linksUp() == 1);
        frankSocket.message("m1", "after the restart", erin);
        assertThat(frankSocket.next().path("id").asText()).isEqualTo("m1");
        assertThat(erinSocket.next().at("/data/body").asText()).isEqualTo("after the restart");
    }

    private static List<Boolean> changesOf(String userId) {
        return env.backend().presenceChanges.stream()
                .filter(change -> change.getUserId().equals(userId))
                .map(PresenceChange::getOnline)
                .toList();
    }
}
