package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HERALD_PREAUTH_PER_ADDRESS (default 256): sockets of one address that have not signed in. Past it a connection is
 * closed at accept, before any HTTP; signed-in users, and other addresses, are served as before.
 */
class PreauthPerAddressIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    void socketsOverTheCapAreRefusedWhileSignedInUsersAndOtherAddressesAreServed() throws Exception {
        assertThat(env.config().admission().preauthPerAddress()).isEqualTo(256);
        String alice = GatewayExtension.user("alice");
        String bob = GatewayExtension.user("bob");
        TestClient sender = env.online(alice);
        TestClient receiver = env.online(bob);
        List<RawWebSocket> flood = new ArrayList<>();
        List<RawWebSocket.Refused> refused = new ArrayList<>();

        for (int i = 0; i < 300; i++) {
            try {
                flood.add(RawWebSocket.connectFrom(env.gateway().port(), "127.0.0.1", Map.of()));
            } catch (RawWebSocket.Refused e) {
                refused.add(e);
            }
        }

        try {
            assertThat(flood).hasSize(256);
            assertThat(refused).hasSize(44).allSatisfy(e -> assertThat(e.head).as("closed at accept").isEmpty());
            sender.message("m1", "during the flood", bob);
            assertThat(sender.next().path("event").asText()).isEqualTo("ack");
            assertThat(receiver.next().at("/data/body").asText()).isEqualTo("during the flood");
            try (RawWebSocket carol = RawWebSocket.connectFrom(env.gateway().port(), "127.0.0.2", Map.of())) {
                assertThat(env.signIn(carol, GatewayExtension.user("carol")).path("event").asText()).isEqualTo("ack");
            }
        } finally {
            closeAll(flood);
        }
        // Every place comes back when its socket closes.
        await().atMost(Duration.ofSeconds(10)).until(() -> connects("127.0.0.1"));
    }

    @Test
    void aSocketThatSignedInNoLongerCounts() throws Exception {
        List<RawWebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                RawWebSocket signedIn = RawWebSocket.connectFrom(env.gateway().port(), "127.0.0.3", Map.of());
                sockets.add(signedIn);
                assertThat(env.signIn(signedIn, GatewayExtension.user("dave")).path("event").asText()).isEqualTo("ack");
            }
            for (int i = 0; i < 256; i++) {
                sockets.add(RawWebSocket.connectFrom(env.gateway().port(), "127.0.0.3", Map.of()));
            }

            assertThat(connects("127.0.0.3")).as("the 257th socket not signed in").isFalse();
            assertThat(sockets).hasSize(261);
        } finally {
            closeAll(sockets);
        }
    }

    private static boolean connects(String source) throws IOException {
        try (RawWebSocket probe = RawWebSocket.connectFrom(env.gateway().port(), source, Map.of())) {
            return true;
        } catch (RawWebSocket.Refused e) {
            return false;
        }
    }

    private static void closeAll(List<RawWebSocket> sockets) throws IOException {
        for (RawWebSocket socket : sockets) {
            socket.close();
        }
    }
}
