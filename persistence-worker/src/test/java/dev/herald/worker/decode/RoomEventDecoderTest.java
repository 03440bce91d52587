package dev.herald.worker.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.proto.v1.RoomCreated;
import dev.herald.proto.v1.RoomRead;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.RoomEvents;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The room events, room messages, announcements and last-seen times of {@link EventDecoder}. */
class RoomEventDecoderTest {

    private static final UUID ROOM = UUID.fromString("0190f5a2-8c3e-7a11-9b2c-3d4e5f60718a");
    private static final UUID MESSAGE = UUID.fromString("0190f5a2-8c3e-7a11-9b2c-3d4e5f60718b");
    private static final Instant T = Instant.parse("2025-01-02T03:04:05.123456Z");
    private static final OffsetDateTime AT = T.atOffset(ZoneOffset.UTC);

    @Test
    void aCreationListsEachOtherMemberOnceWithoutTheCreatorOrEmptyIds() throws Exception {
        Event decoded = decode(RoomEvents.roomCreated(ROOM, "alice", List.of("bob", "", "alice", "carol", "bob"), T));

        assertThat(decoded).isEqualTo(new Event.RoomCreated(ROOM, "room " + ROOM, "a topic", true, "alice", AT,
                List.of("bob", "carol")));
    }

    @Test
    void decodesTheUpdatesOfARoom() throws Exception {
        assertThat(decode(RoomEvents.roomUpdated(ROOM, null, "", T)))
                .isEqualTo(new Event.RoomUpdated(ROOM, null, "", AT));
        assertThat(decode(RoomEvents.membersAdded(ROOM, List.of("bob", ""), true, T)))
                .isEqualTo(new Event.RoomMembersAdded(ROOM, List.of("bob"), true, AT));
        assertThat(decode(RoomEvents.membersRemoved(ROOM, List.of("bob"), T)))
                .isEqualTo(new Event.RoomMembersRemoved(ROOM, List.of("bob"), AT));
        assertThat(decode(RoomEvents.roomDeleted(ROOM, T))).isEqualTo(new Event.RoomDeleted(ROOM, AT));
        assertThat(decode(RoomEvents.roomRead(ROOM, "bob", MESSAGE, T)))
                .isEqualTo(new Event.RoomRead(ROOM, "bob", MESSAGE));
        assertThat(decode(RoomEvents.lastSeen("bob", T))).isEqualTo(new Event.LastSeen("bob", AT));
    }

    @Test
    void decodesRoomMessagesAndAnnouncements() throws Exception {
        Event.NewMessage roomMessage = (Event.NewMessage) decode(RoomEvents.roomMessage(MESSAGE, "alice", ROOM));
        Event.NewMessage announcement = (Event.NewMessage) decode(RoomEvents.announcement(MESSAGE, "admin"));

        assertThat(roomMessage.roomId()).isEqualTo(ROOM);
        assertThat(roomMessage.announcement()).isFalse();
        assertThat(roomMessage.receivers()).isEmpty();
        assertThat(announcement.roomId()).isNull();
        assertThat(announcement.announcement()).isTrue();
        Event.NewMessage direct = (Event.NewMessage) decode(Events.message(MESSAGE, "alice", List.of("bob")));
        assertThat(direct.roomId()).isNull();
        assertThat(direct.announcement()).isFalse();
    }

    @Test
    void aRoomMessageOrAnAnnouncementWithReceiversIsUndecodable() {
        StreamEvent roomMessage = RoomEvents.roomMessage(MESSAGE, "alice", ROOM);
        StreamEvent withReceivers = roomMessage.toBuilder()
                .setMessageCreated(roomMessage.getMessageCreated().toBuilder().addReceivers("bob")).build();
        StreamEvent announcement = RoomEvents.announcement(MESSAGE, "admin");
        StreamEvent announcementWithReceivers = announcement.toBuilder()
                .setMessageCreated(announcement.getMessageCreated().toBuilder().addReceivers("bob")).build();
        StreamEvent both = roomMessage.toBuilder()
                .setMessageCreated(roomMessage.getMessageCreated().toBuilder().setAnnouncement(true)).build();

        assertUndecodable(withReceivers, "room message or announcement with receivers");
        assertUndecodable(announcementWithReceivers, "room message or announcement with receivers");
        assertUndecodable(both, "message is both a room message and an announcement");
    }

    @Test
    void roomEventsWithoutAUuidRoomIdOrTheirTimeAreUndecodable() {
        StreamEvent created = RoomEvents.roomCreated(ROOM, "alice", List.of(), T);
        RoomCreated.Builder badId = created.getRoomCreated().toBuilder().setRoomId("room-1");
        RoomCreated.Builder noTime = created.getRoomCreated().toBuilder().clearCreatedAt();
        RoomCreated.Builder noCreator = created.getRoomCreated().toBuilder().setCreatorId("");
        RoomRead.Builder badMessage = RoomEvents.roomRead(ROOM, "bob", MESSAGE, T).getRoomRead().toBuilder()
                .setMessageId("m-1");
        StreamEvent badRoomMessage = RoomEvents.roomMessage(MESSAGE, "alice", ROOM);

        assertUndecodable(StreamEvent.newBuilder().setRoomCreated(badId).build(), "room_created room_id is not a UUID");
        assertUndecodable(StreamEvent.newBuilder().setRoomCreated(noTime).build(), "room_created has no created_at");
        assertUndecodable(StreamEvent.newBuilder().setRoomCreated(noCreator).build(), "room_created has no creator_id");
        assertUndecodable(StreamEvent.newBuilder().setRoomRead(badMessage).build(),
                "room_read message_id is not a UUID");
        assertUndecodable(badRoomMessage.toBuilder().setMessageCreated(
                badRoomMessage.getMessageCreated().toBuilder().setRoomId("r")).build(),
                "message room_id is not a UUID");
        assertUndecodable(RoomEvents.lastSeen("", T), "user_last_seen has no user_id");
    }

    private static Event decode(StreamEvent event) throws UndecodableEventException {
        return EventDecoder.decode(event.toByteArray());
    }

    private static void assertUndecodable(StreamEvent event, String reason) {
        assertThatThrownBy(() -> decode(event)).isInstanceOf(UndecodableEventException.class).hasMessage(reason);
    }
}
