package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.ReadReceipt;
import dev.herald.proto.v1.RecallNotice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Read receipts and recall notices pushed by the message-service over the links. */
class PushedEventsIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    private static final String MESSAGE_ID = "019ab2c4-5e1f-7a3b-9c2d-4e5f6a7b8c9d";

    /** An origin session belongs to a message (its sender's socket gets the ack instead); a receipt ignores it. */
    @Test
    void sendsAReadReceiptToEveryRecipientSocketWhateverOriginItCarries() throws Exception {
        String alice = GatewayExtension.user("alice");
        String carol = GatewayExtension.user("carol");
        TestClient aliceOrigin = env.online(alice);
        TestClient aliceOther = env.online(alice);
        TestClient carolOnly = env.online(carol);
        String origin = sessionOf(aliceOrigin, carol, aliceOther, carolOnly);

        env.backend().push(Delivery.newBuilder().addRecipientIds(alice).addRecipientIds(carol).setOriginSession(origin)
                .setRead(ReadReceipt.newBuilder().setMessageId(MESSAGE_ID).setReaderId("bob")
                        .setReadAt(Timestamp.newBuilder().setSeconds(1_795_636_800L).setNanos(123_000_000)))
                .build());

        String expected = "{\"event\":\"read\",\"data\":{\"id\":\"" + MESSAGE_ID + "\",\"reader\":\"bob\","
                + "\"readAt\":\"2026-11-25T20:00:00.123Z\"}}";
        assertThat(aliceOther.nextText()).isEqualTo(expected);
        assertThat(carolOnly.nextText()).isEqualTo(expected);
        assertThat(aliceOrigin.nextText()).isEqualTo(expected);
    }

    @Test
    void sendsARecallToEverySocketOfEveryRecipient() throws Exception {
        String bob = GatewayExtension.user("bob");
        String carol = GatewayExtension.user("carol");
        TestClient bobOne = env.online(bob);
        TestClient bobTwo = env.online(bob);
        TestClient carolOnly = env.online(carol);

        env.backend().push(Delivery.newBuilder(recall(bob, "")).addRecipientIds(carol).build());

        String expected = "{\"event\":\"recalled\",\"data\":{\"id\":\"" + MESSAGE_ID + "\"}}";
        assertThat(bobOne.nextText()).isEqualTo(expected);
        assertThat(bobTwo.nextText()).isEqualTo(expected);
        assertThat(carolOnly.nextText()).isEqualTo(expected);
    }

    @Test
    void dropsADeliveryWithoutPayloadAndKeepsTheLink() throws Exception {
        String bob = GatewayExtension.user("bob");
        TestClient client = env.online(bob);

        env.backend().push(Delivery.newBuilder().addRecipientIds(bob).build());
        env.backend().push(recall(bob, ""));

        assertThat(client.nextText()).startsWith("{\"event\":\"recalled\"");
        assertThat(env.gateway().linksUp()).isEqualTo(1);
    }

    private static Delivery recall(String recipient, String origin) {
        return Delivery.newBuilder().addRecipientIds(recipient).setOriginSession(origin)
                .setRecalled(RecallNotice.newBuilder().setMessageId(MESSAGE_ID)).build();
    }

    /**
     * The session id of {@code socket}, learnt from a message it sends to {@code receiver}; the copies of that
     * message are taken off the {@code copied} sockets.
     */
    private static String sessionOf(TestClient socket, String receiver, TestClient... copied) throws Exception {
        socket.message("s1", "hello", receiver);
        assertThat(socket.next().path("event").asText()).isEqualTo("ack");
        for (TestClient copy : copied) {
            assertThat(copy.next().path("event").asText()).isEqualTo("message");
        }
        return env.backend().sends.getLast().getOriginSession();
    }
}
