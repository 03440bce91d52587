package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A link that ends tells every signed-in socket, once, to fetch with sync what a lost delivery would have brought;
 * once it is back (the instance acknowledged the hello) once more, for what the instance accepted before.
 */
class ResyncIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    void pushesOneResyncToEverySignedInSocketWhenALinkEndsAndOneWhenItIsBack() throws Exception {
        String alice = GatewayExtension.user("alice");
        String bob = GatewayExtension.user("bob");
        TestClient aliceFirst = env.online(alice);
        TestClient aliceSecond = env.online(alice);
        TestClient bobOnly = env.online(bob);
        TestClient anonymous = env.connect();

        env.backend().dropLinks();

        for (TestClient signedIn : new TestClient[] {aliceFirst, aliceSecond, bobOnly}) {
            assertThat(signedIn.nextText()).as("the link ended").isEqualTo("{\"event\":\"resync\"}");
            assertThat(signedIn.nextText()).as("the link is back").isEqualTo("{\"event\":\"resync\"}");
        }
        assertThat(env.gateway().linksUp()).isEqualTo(1);
        assertThat(env.backend().onlineUsers()).contains(alice, bob);
        // The next frame of each is what comes after the resyncs: no third one.
        bobOnly.message("m1", "after the link came back", alice);
        assertThat(bobOnly.next().path("event").asText()).isEqualTo("ack");
        assertThat(aliceFirst.next().path("event").asText()).isEqualTo("message");
        assertThat(aliceSecond.next().path("event").asText()).isEqualTo("message");
        anonymous.send("{\"event\":");
        JsonNode answer = anonymous.next();
        assertThat(answer.path("event").asText()).as("no resync before sign-in: %s", answer).isEqualTo("exception");
    }
}
