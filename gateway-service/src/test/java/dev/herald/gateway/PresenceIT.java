package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.OnlineUser;
import dev.herald.proto.v1.PresenceChange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the gateway tells the message-service about who holds sockets on it, and the tokens that prove it. */
class PresenceIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    void announcesTheFirstSocketBeforeTheAckAndTheLastSocketWhenItCloses() throws Exception {
        String carol = GatewayExtension.user("carol");

        String firstToken = env.token(carol, Duration.ofHours(1));
        TestClient first = env.onlineWith(firstToken);
        // The ack waits for the instance's presence ack: no waiting needed here.
        assertThat(changesOf(carol)).containsExactly(true);
        assertThat(env.backend().presenceChanges.getLast().getToken()).isEqualTo(firstToken);

        // Expires before the first socket's token, which keeps proving carol on the links: nothing to announce.
        TestClient second = env.onlineWith(env.token(carol, Duration.ofMinutes(30)));
        assertThat(changesOf(carol)).containsExactly(true);

        first.close();
        assertThat(first.awaitCloseCode()).isEqualTo(1000);
        second.message("m1", "still online", carol);
        assertThat(second.next().path("id").asText()).isEqualTo("m1");
        assertThat(changesOf(carol)).containsExactly(true);

        second.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> changesOf(carol).size() == 2);
        assertThat(changesOf(carol)).containsExactly(true, false);
        assertThat(env.backend().presenceChanges.getLast().getToken()).isEmpty();
        assertThat(env.backend().onlineUsers()).doesNotContain(carol);
    }

    @Test
    void forwardsATokenThatExpiresLaterFromAnotherSocketOrARefresh() throws Exception {
        String gina = GatewayExtension.user("gina");
        env.onlineWith(env.token(gina, Duration.ofMinutes(10)));

        String longer = env.token(gina, Duration.ofMinutes(20));
        TestClient second = env.onlineWith(longer);
        // The online ack waits for the instance to take the token, as for a first socket.
        assertThat(tokensOf(gina)).hasSize(2).endsWith(longer);

        String refreshed = env.token(gina, Duration.ofMinutes(40));
        second.online("refresh", refreshed);
        assertThat(second.next().path("event").asText()).isEqualTo("ack");
        assertThat(tokensOf(gina)).hasSize(3).endsWith(refreshed);
        assertThat(changesOf(gina)).containsExactly(true, true, true);
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
        String erinsToken = env.token(erin);
        TestClient erinSocket = env.onlineWith(erinsToken);
        TestClient frankSocket = env.online(frank);
        int hellosBefore = env.backend().hellos.size();

        env.backend().dropLinks();

        assertThat(erinSocket.nextText()).isEqualTo("{\"event\":\"resync\"}");
        assertThat(frankSocket.nextText()).isEqualTo("{\"event\":\"resync\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.backend().hellos.size() > hellosBefore
                && env.backend().openLinks() == 1);
        Hello hello = env.backend().hellos.getLast();
        assertThat(hello.getGatewayId()).isEqualTo(env.gateway().gatewayId());
        assertThat(hello.getOnlineUsersList()).extracting(OnlineUser::getUserId).contains(erin, frank);
        assertThat(hello.getOnlineUsersList()).filteredOn(user -> user.getUserId().equals(erin))
                .extracting(OnlineUser::getToken).containsExactly(erinsToken);

        assertThat(erinSocket.nextText()).as("the link is back").isEqualTo("{\"event\":\"resync\"}");
        assertThat(frankSocket.nextText()).as("the link is back").isEqualTo("{\"event\":\"resync\"}");
        frankSocket.message("m1", "after the restart", erin);
        assertThat(frankSocket.next().path("id").asText()).isEqualTo("m1");
        assertThat(erinSocket.next().at("/data/body").asText()).isEqualTo("after the restart");
    }

    private static List<String> tokensOf(String userId) {
        return env.backend().presenceChanges.stream()
                .filter(change -> change.getUserId().equals(userId))
                .map(PresenceChange::getToken)
                .toList();
    }

    private static List<Boolean> changesOf(String userId) {
        return env.backend().presenceChanges.stream()
                .filter(change -> change.getUserId().equals(userId))
                .map(PresenceChange::getOnline)
                .toList();
    }
}
