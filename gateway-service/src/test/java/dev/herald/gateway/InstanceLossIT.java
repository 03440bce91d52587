package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A message-service instance that goes away for good: the gateway carries on with the others. */
class InstanceLossIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of(), 2);

    @Test
    void keepsServingWhenAnInstanceIsGone() throws Exception {
        String cleo = GatewayExtension.user("cleo");
        TestClient client = env.online(cleo);
        TestBackend survivor = env.backends().get(0);

        env.backends().get(1).close();
        assertThat(client.nextText()).as("what the lost link carried is to be fetched")
                .isEqualTo("{\"event\":\"resync\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.gateway().linksUp() == 1);
        int before = survivor.sends.size();
        for (int i = 0; i < 3; i++) {
            client.message("m" + i, "hello", cleo);
            assertThat(client.next().path("event").asText()).isEqualTo("ack");
        }

        assertThat(survivor.sends.size() - before).isEqualTo(3);
    }
}
