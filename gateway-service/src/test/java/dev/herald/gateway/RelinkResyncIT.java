package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A relinked instance routes to this gateway's users only once it has applied the hello (and the presence changes
 * behind it); what it accepted before reached no socket. The gateway's {@code resync} for the relink therefore comes
 * only after that, so a client's catch-up {@code sync} runs after every message it could otherwise miss.
 */
class RelinkResyncIT {

    private static final String RESYNC = "{\"event\":\"resync\"}";

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    void aMessageAcceptedBeforeTheHelloWasAppliedIsFollowedByAResync() throws Exception {
        String alice = GatewayExtension.user("alice");
        String bob = GatewayExtension.user("bob");
        TestClient aliceSocket = env.online(alice);
        TestClient bobSocket = env.online(bob);
        env.backend().holdHellos();
        try {
            relinkWithTheHelloHeld(aliceSocket, bobSocket);

            // Accepted by the instance, which has not put alice online on the new link yet: no socket gets it.
            bobSocket.message("m1", "before the hello was applied", alice);
            assertThat(bobSocket.next().path("id").asText()).isEqualTo("m1");
        } finally {
            env.backend().releaseHellos();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> env.gateway().linksUp() == 1);
        bobSocket.message("m2", "after the hello was applied", alice);

        assertThat(aliceSocket.nextText()).as("sync again: m1 came after the first resync").isEqualTo(RESYNC);
        assertThat(aliceSocket.next().at("/data/body").asText()).isEqualTo("after the hello was applied");
    }

    @Test
    void theRelinkResyncWaitsForAUserWhoSignedInBeforeTheHelloWasAcknowledged() throws Exception {
        String alice = GatewayExtension.user("alice");
        String bob = GatewayExtension.user("bob");
        String carol = GatewayExtension.user("carol");
        TestClient aliceSocket = env.online(alice);
        TestClient bobSocket = env.online(bob);
        env.backend().holdHellos();
        try {
            relinkWithTheHelloHeld(aliceSocket, bobSocket);
            // Not in the hello: her presence change follows it on the link.
            TestClient carolSocket = env.online(carol);
            env.backend().holdPresenceChanges();
            env.backend().releaseHellos();
            await().atMost(Duration.ofSeconds(10)).until(() -> env.gateway().linksUp() == 1);
            assertThat(env.backend().onlineUsers()).contains(alice, bob).doesNotContain(carol);

            // Accepted while carol is not online on the link yet: no socket gets it.
            bobSocket.message("m1", "for carol, before her change was applied", carol);
            assertThat(bobSocket.next().path("id").asText()).isEqualTo("m1");
            bobSocket.message("m2", "for alice, on the acknowledged link", alice);
            assertThat(bobSocket.next().path("id").asText()).isEqualTo("m2");
            assertThat(aliceSocket.next().at("/data/body").asText()).isEqualTo("for alice, on the acknowledged link");

            env.backend().releasePresenceChanges();
            assertThat(carolSocket.nextText()).as("sync: m1 came before her presence was in effect").isEqualTo(RESYNC);
            assertThat(aliceSocket.nextText()).as("one resync, after every change before the hello ack")
                    .isEqualTo(RESYNC);
        } finally {
            env.backend().releaseHellos();
            env.backend().releasePresenceChanges();
        }
    }

    /** Ends the link (each socket gets the ended link's resync) and waits for the new link's Hello, which is held. */
    private static void relinkWithTheHelloHeld(TestClient... sockets) throws Exception {
        int hellosBefore = env.backend().hellos.size();
        env.backend().dropLinks();
        for (TestClient socket : sockets) {
            assertThat(socket.nextText()).as("the ended link").isEqualTo(RESYNC);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> env.backend().hellos.size() > hellosBefore);
    }
}
