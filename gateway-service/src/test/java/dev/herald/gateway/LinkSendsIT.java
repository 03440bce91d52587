package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sends over the gateway link ({@code HERALD_LINK_SENDS=true}): they go over the link of the instance
 * they are for as the signed-in user, and a link lost with sends in flight fails them with UNAVAILABLE at once, the
 * answer a client retries with its clientId.
 */
class LinkSendsIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of("HERALD_LINK_SENDS", "true"), 2);

    @Test
    void sendsTravelOverTheLinksAsTheSignedInUserAndALostLinkFailsThoseInFlightWithUnavailable() throws Exception {
        String gina = GatewayExtension.user("gina");
        TestClient client = env.online(gina);
        await().atMost(Duration.ofSeconds(10)).until(() -> env.gateway().linksUp() == 2);
        for (int i = 0; i < 2; i++) { // round-robin: one over each link
            client.message("m" + i, "hello", gina);
            assertThat(client.next().path("event").asText()).isEqualTo("ack");
        }
        assertThat(env.backends()).allSatisfy(backend -> assertThat(backend.linkSends)
                .singleElement().satisfies(send -> assertThat(send.getUserId()).isEqualTo(gina)));

        env.backends().forEach(TestBackend::holdSends);
        client.message("m2", "held", gina);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> env.backends().stream().mapToInt(backend -> backend.linkSends.size()).sum() == 3);
        TestBackend holding = env.backends().stream().filter(backend -> backend.linkSends.size() == 2)
                .findFirst().orElseThrow();
        holding.close();

        JsonNode failed = client.next();
        while (failed.path("event").asText().equals("resync")) { // the lost link's, in whichever order
            failed = client.next();
        }
        assertThat(failed.path("event").asText()).isEqualTo("exception");
        assertThat(failed.path("id").asText()).isEqualTo("m2");
        assertThat(failed.at("/data/status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(failed.at("/data/message").asText()).isEqualTo("message service unavailable, retry");
    }
}
