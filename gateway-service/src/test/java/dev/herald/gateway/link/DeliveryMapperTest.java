package dev.herald.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.PresenceNotice;
import dev.herald.proto.v1.ReadReceipt;
import dev.herald.proto.v1.RecallNotice;
import dev.herald.proto.v1.RoomNotice;
import dev.herald.proto.v1.TypingNotice;
import dev.herald.proto.v1.User;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryMapperTest {

    private static final Timestamp AT = Timestamp.newBuilder().setSeconds(1_795_636_800L).setNanos(123_456_789).build();

    @Test
    void mapsAMessage() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("bob").setMessage(Message.newBuilder().setId("m-1")
                .setSender(User.newBuilder().setId("alice").setName("Alice")).addReceivers("bob").setBody("hi")
                .setCreatedAt(AT)).build();

        assertThat(DeliveryMapper.toEvent(delivery)).hasValue(new ServerEvent.Delivered("m-1", "alice", "Alice",
                List.of("bob"), "", "hi", "", Instant.parse("2026-11-25T20:00:00.123456789Z")));
    }

    @Test
    void mapsAReadReceipt() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("alice")
                .setRead(ReadReceipt.newBuilder().setMessageId("m-1").setReaderId("bob").setReadAt(AT)).build();

        assertThat(DeliveryMapper.toEvent(delivery))
                .hasValue(new ServerEvent.ReadReceipt("m-1", "bob", Instant.parse("2026-11-25T20:00:00.123456789Z")));
        assertThat(DeliveryMapper.describe(delivery)).isEqualTo("read m-1");
    }

    @Test
    void mapsARecallNotice() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("bob")
                .setRecalled(RecallNotice.newBuilder().setMessageId("m-1")).build();

        assertThat(DeliveryMapper.toEvent(delivery)).hasValue(new ServerEvent.Recalled("m-1"));
        assertThat(DeliveryMapper.describe(delivery)).isEqualTo("recalled m-1");
    }

    @Test
    void mapsARoomMessageWithItsRoom() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("bob").setMessage(Message.newBuilder().setId("m-2")
                .setSender(User.newBuilder().setId("alice").setName("Alice")).setRoomId("r-1").setBody("hi all")
                .setCreatedAt(AT)).build();

        assertThat(DeliveryMapper.toEvent(delivery)).hasValue(new ServerEvent.Delivered("m-2", "alice", "Alice",
                List.of(), "", "hi all", "", Instant.parse("2026-11-25T20:00:00.123456789Z"), "r-1", false));
    }

    @Test
    void mapsAnAnnouncementMarkedAsOne() {
        Delivery delivery = Delivery.newBuilder().setEveryone(true).setMessage(Message.newBuilder().setId("m-3")
                .setSender(User.newBuilder().setId("ops").setName("Ops")).setAnnouncement(true).setBody("maintenance")
                .setCreatedAt(AT)).build();

        assertThat(DeliveryMapper.toEvent(delivery)).hasValue(new ServerEvent.Delivered("m-3", "ops", "Ops",
                List.of(), "", "maintenance", "", Instant.parse("2026-11-25T20:00:00.123456789Z"), "", true));
    }

    @Test
    void mapsTheRecallOfARoomMessageWithItsRoom() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("bob")
                .setRecalled(RecallNotice.newBuilder().setMessageId("m-1").setRoomId("r-1")).build();

        assertThat(DeliveryMapper.toEvent(delivery)).hasValue(new ServerEvent.Recalled("m-1", "r-1"));
    }

    @Test
    void mapsAPresenceNoticeOfAUserGoneOfflineWithItsLastSeenTime() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("bob").setPresence(PresenceNotice.newBuilder()
                .setUserId("alice").setOnline(false).setLastSeen(AT)).build();

        assertThat(DeliveryMapper.toEvent(delivery)).hasValue(
                new ServerEvent.Presence("alice", false, Instant.parse("2026-11-25T20:00:00.123456789Z")));
        assertThat(DeliveryMapper.describe(delivery)).isEqualTo("presence");
    }

    @Test
    void mapsAPresenceNoticeOfAUserOnlineWithoutLastSeenTime() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("bob").setPresence(PresenceNotice.newBuilder()
                .setUserId("alice").setOnline(true).setLastSeen(AT)).build();

        assertThat(DeliveryMapper.toEvent(delivery)).hasValue(new ServerEvent.Presence("alice", true, null));
    }

    @Test
    void mapsATypingNoticeInARoomAndInADirectConversation() {
        Delivery inRoom = Delivery.newBuilder().addRecipientIds("bob")
                .setTyping(TypingNotice.newBuilder().setFromUserId("alice").setRoomId("r-1")).build();
        Delivery direct = Delivery.newBuilder().addRecipientIds("bob")
                .setTyping(TypingNotice.newBuilder().setFromUserId("alice")).build();

        assertThat(DeliveryMapper.toEvent(inRoom)).hasValue(new ServerEvent.Typing("alice", "r-1"));
        assertThat(DeliveryMapper.toEvent(direct)).hasValue(new ServerEvent.Typing("alice", ""));
    }

    @ParameterizedTest
    @CsvSource({"CHANGE_ADDED, ADDED", "CHANGE_REMOVED, REMOVED", "CHANGE_DELETED, DELETED",
            "CHANGE_UPDATED, UPDATED"})
    void mapsEveryRoomChange(RoomNotice.Change change, ServerEvent.RoomChange expected) {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("bob").setRoom(RoomNotice.newBuilder()
                .setRoomId("r-1").setChange(change).setByUserId("alice")).build();

        assertThat(DeliveryMapper.toEvent(delivery)).hasValue(new ServerEvent.RoomChanged("r-1", expected, "alice"));
        assertThat(DeliveryMapper.describe(delivery)).isEqualTo("room r-1");
    }

    @Test
    void hasNoEventForARoomNoticeWithoutAKnownChange() {
        Delivery unset = Delivery.newBuilder().addRecipientIds("bob")
                .setRoom(RoomNotice.newBuilder().setRoomId("r-1")).build();
        Delivery newer = Delivery.newBuilder().addRecipientIds("bob")
                .setRoom(RoomNotice.newBuilder().setRoomId("r-1").setChangeValue(99)).build();

        assertThat(DeliveryMapper.toEvent(unset)).isEmpty();
        assertThat(DeliveryMapper.toEvent(newer)).isEmpty();
    }

    @Test
    void hasNoEventForADeliveryWithoutPayload() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("bob").build();

        assertThat(DeliveryMapper.toEvent(delivery)).isEmpty();
        assertThat(DeliveryMapper.describe(delivery)).isEqualTo("without payload");
    }
}
