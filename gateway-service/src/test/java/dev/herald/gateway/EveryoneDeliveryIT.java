package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.RecallNotice;
import dev.herald.proto.v1.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A delivery marked {@code everyone} (an announcement): one delivery per gateway, naming no recipients, reaches
 * every signed-in socket of the gateway once, and no socket that has not signed in.
 */
class EveryoneDeliveryIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    private static final String ANNOUNCEMENT_ID = "019ab2c4-5e1f-7a3b-9c2d-4e5f6a7b8c9d";
    private static final String MARKER_ID = "019ab2c4-6a00-7c11-8d2e-1f2a3b4c5d6e";
    private static final String ANNOUNCEMENT = "{\"event\":\"message\",\"data\":{\"id\":\"" + ANNOUNCEMENT_ID + "\","
            + "\"sender\":{\"id\":\"ops\",\"name\":\"Ops\"},\"receivers\":[],\"title\":\"Maintenance\","
            + "\"body\":\"down at 22:00\",\"type\":\"\",\"createdAt\":\"2026-11-25T20:00:00.123Z\","
            + "\"announcement\":true}}";

    @Test
    void reachesEverySignedInSocketOnceAndNoSocketBeforeItsSignIn() throws Exception {
        String alice = GatewayExtension.user("alice");
        String bob = GatewayExtension.user("bob");
        TestClient aliceOne = env.online(alice);
        TestClient aliceTwo = env.online(alice);
        TestClient bobOnly = env.online(bob);
        TestClient notSignedIn = env.connect();

        env.backend().pushToEveryone(announcement());
        // A frame behind the announcement on alice's and bob's sockets: the next thing they get after it, so a
        // second copy of the announcement would show.
        env.backend().push(marker(alice, bob));

        for (TestClient signedIn : new TestClient[] {aliceOne, aliceTwo, bobOnly}) {
            assertThat(signedIn.nextText()).isEqualTo(ANNOUNCEMENT);
            assertThat(signedIn.nextText()).startsWith("{\"event\":\"recalled\",\"data\":{\"id\":\"" + MARKER_ID);
        }
        // Signing in after the announcement went out: the ack is the first frame the socket gets.
        notSignedIn.online("o", env.token(GatewayExtension.user("carol")));
        assertThat(notSignedIn.next().path("event").asText()).isEqualTo("ack");
    }

    private static Delivery announcement() {
        return Delivery.newBuilder().setMessage(Message.newBuilder().setId(ANNOUNCEMENT_ID).setAnnouncement(true)
                .setSender(User.newBuilder().setId("ops").setName("Ops")).setTitle("Maintenance")
                .setBody("down at 22:00")
                .setCreatedAt(Timestamp.newBuilder().setSeconds(1_795_636_800L).setNanos(123_000_000))).build();
    }

    private static Delivery marker(String... recipients) {
        Delivery.Builder marker = Delivery.newBuilder().setRecalled(RecallNotice.newBuilder().setMessageId(MARKER_ID));
        for (String recipient : recipients) {
            marker.addRecipientIds(recipient);
        }
        return marker.build();
    }
}
