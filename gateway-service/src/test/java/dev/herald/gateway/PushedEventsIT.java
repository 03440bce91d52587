package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.PresenceNotice;
import dev.herald.proto.v1.ReadReceipt;
import dev.herald.proto.v1.RecallNotice;
import dev.herald.proto.v1.RoomNotice;
import dev.herald.proto.v1.TypingNotice;
import dev.herald.proto.v1.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Read receipts, recall notices, presence, typing and room changes pushed by the message-service over the links,
 * each reaching every socket of its recipients.
 */
class PushedEventsIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    private static final String MESSAGE_ID = "019ab2c4-5e1f-7a3b-9c2d-4e5f6a7b8c9d";
    private static final String ROOM_ID = "019ab2c4-0000-7000-8000-00000000000a";

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
    void sendsTheRecallOfARoomMessageWithItsRoom() throws Exception {
        String bob = GatewayExtension.user("bob");
        TestClient client = env.online(bob);

        env.backend().push(Delivery.newBuilder().addRecipientIds(bob)
                .setRecalled(RecallNotice.newBuilder().setMessageId(MESSAGE_ID).setRoomId(ROOM_ID)).build());

        assertThat(client.nextText()).isEqualTo("{\"event\":\"recalled\",\"data\":{\"id\":\"" + MESSAGE_ID + "\","
                + "\"room\":\"" + ROOM_ID + "\"}}");
    }

    @Test
    void sendsPresenceToEverySocketOfEveryRecipient() throws Exception {
        String bob = GatewayExtension.user("bob");
        String carol = GatewayExtension.user("carol");
        TestClient bobOne = env.online(bob);
        TestClient bobTwo = env.online(bob);
        TestClient carolOnly = env.online(carol);

        env.backend().push(Delivery.newBuilder().addRecipientIds(bob).addRecipientIds(carol)
                .setPresence(PresenceNotice.newBuilder().setUserId("alice").setOnline(false)
                        .setLastSeen(Timestamp.newBuilder().setSeconds(1_795_636_800L).setNanos(123_000_000)))
                .build());
        env.backend().push(Delivery.newBuilder().addRecipientIds(bob)
                .setPresence(PresenceNotice.newBuilder().setUserId("dave").setOnline(true)).build());

        String offline = "{\"event\":\"presence\",\"data\":{\"user\":\"alice\",\"online\":false,"
                + "\"lastSeen\":\"2026-11-25T20:00:00.123Z\"}}";
        String online = "{\"event\":\"presence\",\"data\":{\"user\":\"dave\",\"online\":true}}";
        assertThat(bobOne.nextText()).isEqualTo(offline);
        assertThat(bobOne.nextText()).isEqualTo(online);
        assertThat(bobTwo.nextText()).isEqualTo(offline);
        assertThat(bobTwo.nextText()).isEqualTo(online);
        assertThat(carolOnly.nextText()).isEqualTo(offline);
    }

    @Test
    void sendsTypingInARoomAndInADirectConversation() throws Exception {
        String bob = GatewayExtension.user("bob");
        TestClient client = env.online(bob);

        env.backend().push(Delivery.newBuilder().addRecipientIds(bob)
                .setTyping(TypingNotice.newBuilder().setFromUserId("alice").setRoomId(ROOM_ID)).build());
        env.backend().push(Delivery.newBuilder().addRecipientIds(bob)
                .setTyping(TypingNotice.newBuilder().setFromUserId("alice")).build());

        assertThat(client.nextText()).isEqualTo("{\"event\":\"typing\",\"data\":{\"from\":\"alice\","
                + "\"room\":\"" + ROOM_ID + "\"}}");
        assertThat(client.nextText()).isEqualTo("{\"event\":\"typing\",\"data\":{\"from\":\"alice\"}}");
    }

    @Test
    void sendsARoomChangeByItsName() throws Exception {
        String bob = GatewayExtension.user("bob");
        TestClient client = env.online(bob);

        env.backend().push(Delivery.newBuilder().addRecipientIds(bob).setRoom(RoomNotice.newBuilder()
                .setRoomId(ROOM_ID).setChange(RoomNotice.Change.CHANGE_ADDED).setByUserId("alice")).build());
        env.backend().push(Delivery.newBuilder().addRecipientIds(bob).setRoom(RoomNotice.newBuilder()
                .setRoomId(ROOM_ID).setChange(RoomNotice.Change.CHANGE_DELETED)).build());

        assertThat(client.nextText()).isEqualTo("{\"event\":\"room\",\"data\":{\"room\":\"" + ROOM_ID + "\","
                + "\"change\":\"added\",\"by\":\"alice\"}}");
        assertThat(client.nextText()).isEqualTo("{\"event\":\"room\",\"data\":{\"room\":\"" + ROOM_ID + "\","
                + "\"change\":\"deleted\",\"by\":\"\"}}");
    }

    @Test
    void sendsARoomMessageWithItsRoomToEveryMemberHere() throws Exception {
        String bob = GatewayExtension.user("bob");
        String carol = GatewayExtension.user("carol");
        TestClient bobOnly = env.online(bob);
        TestClient carolOnly = env.online(carol);

        env.backend().push(Delivery.newBuilder().addRecipientIds(bob).addRecipientIds(carol)
                .setMessage(Message.newBuilder().setId(MESSAGE_ID).setRoomId(ROOM_ID).setBody("hi all")
                        .setSender(User.newBuilder().setId("alice").setName("Alice"))
                        .setCreatedAt(Timestamp.newBuilder().setSeconds(1_795_636_800L).setNanos(123_000_000)))
                .build());

        String expected = "{\"event\":\"message\",\"data\":{\"id\":\"" + MESSAGE_ID + "\","
                + "\"sender\":{\"id\":\"alice\",\"name\":\"Alice\"},\"receivers\":[],\"title\":\"\","
                + "\"body\":\"hi all\",\"type\":\"\",\"createdAt\":\"2026-11-25T20:00:00.123Z\","
                + "\"room\":\"" + ROOM_ID + "\"}}";
        assertThat(bobOnly.nextText()).isEqualTo(expected);
        assertThat(carolOnly.nextText()).isEqualTo(expected);
    }

    /** A room change a newer instance knows and this gateway cannot name is dropped; the link stays. */
    @Test
    void dropsARoomChangeItCannotNameAndKeepsTheLink() throws Exception {
        String bob = GatewayExtension.user("bob");
        TestClient client = env.online(bob);

        env.backend().push(Delivery.newBuilder().addRecipientIds(bob)
                .setRoom(RoomNotice.newBuilder().setRoomId(ROOM_ID).setChangeValue(99)).build());
        env.backend().push(recall(bob, ""));

        assertThat(client.nextText()).startsWith("{\"event\":\"recalled\"");
        assertThat(env.gateway().linksUp()).isEqualTo(1);
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
