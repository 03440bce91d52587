package dev.herald.worker.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.proto.v1.StreamEvent;
import dev.herald.worker.testing.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

    private static final UUID A = UUID.fromString("0190f5a2-8c3e-7a11-9b2c-3d4e5f60718a");
    private static final UUID B = UUID.fromString("0190f5a2-8c3e-7a11-9b2c-3d4e5f60718b");
    private static final Instant T = Instant.parse("2025-01-02T03:04:05.123456Z");
    private static final OffsetDateTime AT = T.atOffset(ZoneOffset.UTC);

    @Test
    void decodesAMessage() throws Exception {
        UUID id = UUID.fromString("0190f5a2-8c3e-7a11-9b2c-3d4e5f607182");
        StreamEvent event = Events.message(id, "alice", List.of("bob", "carol"), "c-1");

        Event decoded = EventDecoder.decode(event.toByteArray());

        var created = event.getMessageCreated().getCreatedAt();
        assertThat(decoded).isEqualTo(new Event.NewMessage(id, "alice", "ALICE", List.of("bob", "carol"),
                "title " + id, "body of " + id, "text", "c-1",
                Instant.ofEpochSecond(created.getSeconds(), created.getNanos()).atOffset(ZoneOffset.UTC)));
    }

    @Test
    void anEmptyClientIdMeansNone() throws Exception {
        Event decoded = EventDecoder.decode(Events.message(UUID.randomUUID(), "alice", List.of("bob")).toByteArray());

        assertThat(((Event.NewMessage) decoded).clientId()).isNull();
    }

    @Test
    void decodesAUserSighting() throws Exception {
        Instant seen = Instant.parse("2025-01-02T03:04:05.123456Z");

        Event decoded = EventDecoder.decode(Events.userSeen("bob", "Bob", seen).toByteArray());

        assertThat(decoded).isEqualTo(new Event.SeenUser("bob", "Bob", seen.atOffset(ZoneOffset.UTC)));
    }

    @Test
    void garbageIsUndecodable() {
        byte[] garbage = "not a protobuf".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventDecoder.decode(garbage))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageStartingWith("not a StreamEvent");
    }

    @Test
    void anEventOfNoKnownKindIsUndecodable() {
        assertThatThrownBy(() -> EventDecoder.decode(new byte[0]))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("no event kind");
    }

    @Test
    void aMessageWithoutAUuidIsUndecodable() {
        StreamEvent event = Events.message(UUID.randomUUID(), "alice", List.of("bob"));
        byte[] shortened = event.toBuilder().setMessageCreated(
                event.getMessageCreated().toBuilder().setId("1-2-3-4-5")).build().toByteArray();

        assertThatThrownBy(() -> EventDecoder.decode(shortened))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessage("message id is not a UUID");
    }

    @Test
    void aMessageWithoutSenderOrTimeIsUndecodable() {
        StreamEvent event = Events.message(UUID.randomUUID(), "alice", List.of("bob"));
        byte[] noSender = event.toBuilder().setMessageCreated(
                event.getMessageCreated().toBuilder().clearSender()).build().toByteArray();
        byte[] noTime = event.toBuilder().setMessageCreated(
                event.getMessageCreated().toBuilder().clearCreatedAt()).build().toByteArray();
        byte[] emptyReceiver = event.toBuilder().setMessageCreated(
                event.getMessageCreated().toBuilder().addReceivers("")).build().toByteArray();

        assertThatThrownBy(() -> EventDecoder.decode(noSender)).hasMessage("message has no sender id");
        assertThatThrownBy(() -> EventDecoder.decode(noTime)).hasMessage("message has no created_at");
        assertThatThrownBy(() -> EventDecoder.decode(emptyReceiver)).hasMessage("message has an empty receiver id");
    }

    @Test
    void aSightingWithoutUserOrTimeIsUndecodable() {
        StreamEvent event = Events.userSeen("bob", "Bob", Instant.now());
        byte[] noUser = event.toBuilder().setUserSeen(event.getUserSeen().toBuilder().clearUser()).build()
                .toByteArray();
        byte[] noTime = event.toBuilder().setUserSeen(event.getUserSeen().toBuilder().clearSeenAt()).build()
                .toByteArray();

        assertThatThrownBy(() -> EventDecoder.decode(noUser)).hasMessage("user_seen has no user id");
        assertThatThrownBy(() -> EventDecoder.decode(noTime)).hasMessage("user_seen has no seen_at");
    }

    @Test
    void decodesEachUpdate() throws Exception {
        List<String> ids = Events.ids(A, B);

        assertThat(EventDecoder.decode(Events.receiptsRead("bob", ids, T).toByteArray()))
                .isEqualTo(new Event.ReadReceipts("bob", List.of(A, B), AT));
        assertThat(EventDecoder.decode(Events.receiptsDeleted("bob", ids, T).toByteArray()))
                .isEqualTo(new Event.DeletedReceipts("bob", List.of(A, B), AT));
        assertThat(EventDecoder.decode(Events.sentDeleted("alice", ids, T).toByteArray()))
                .isEqualTo(new Event.DeletedSentMessages("alice", List.of(A, B), AT));
        assertThat(EventDecoder.decode(Events.messagesRecalled("alice", ids, T).toByteArray()))
                .isEqualTo(new Event.RecalledMessages("alice", List.of(A, B), AT));
        assertThat(EventDecoder.decode(Events.messagesPurged(ids).toByteArray()))
                .isEqualTo(new Event.PurgedMessages(List.of(A, B)));
    }

    @Test
    void decodesAProvisioning() throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("bob", "Bob");
        names.put("carol", "Carol");

        Event decoded = EventDecoder.decode(Events.usersProvisioned(names, T).toByteArray());

        assertThat(decoded).isEqualTo(new Event.ProvisionedUsers(
                List.of(new Event.NamedUser("bob", "Bob"), new Event.NamedUser("carol", "Carol")), AT));
    }

    @Test
    void idsThatAreNotUuidsAreLeftOutAndRepeatsKeptOnce() throws Exception {
        List<String> ids = List.of("nope", A.toString(), "1-2-3-4-5", "", B.toString(), A.toString());

        Event read = EventDecoder.decode(Events.receiptsRead("bob", ids, T).toByteArray());
        Event purged = EventDecoder.decode(Events.messagesPurged(List.of("x")).toByteArray());

        assertThat(read).isEqualTo(new Event.ReadReceipts("bob", List.of(A, B), AT));
        assertThat(purged).isEqualTo(new Event.PurgedMessages(List.of()));
    }

    @Test
    void anUpdateWithoutItsUserOrTimeIsUndecodable() {
        List<String> ids = Events.ids(A);
        var read = Events.receiptsRead("bob", ids, T);
        var deleted = Events.receiptsDeleted("bob", ids, T);
        var sent = Events.sentDeleted("alice", ids, T);
        var recalled = Events.messagesRecalled("alice", ids, T);

        assertThatThrownBy(() -> decode(read.toBuilder().setReceiptsRead(read.getReceiptsRead().toBuilder()
                .clearReceiverId()).build())).hasMessage("receipts_read has no receiver_id");
        assertThatThrownBy(() -> decode(read.toBuilder().setReceiptsRead(read.getReceiptsRead().toBuilder()
                .clearReadAt()).build())).hasMessage("receipts_read has no read_at");
        assertThatThrownBy(() -> decode(deleted.toBuilder().setReceiptsDeleted(deleted.getReceiptsDeleted()
                .toBuilder().clearReceiverId()).build())).hasMessage("receipts_deleted has no receiver_id");
        assertThatThrownBy(() -> decode(deleted.toBuilder().setReceiptsDeleted(deleted.getReceiptsDeleted()
                .toBuilder().clearDeletedAt()).build())).hasMessage("receipts_deleted has no deleted_at");
        assertThatThrownBy(() -> decode(sent.toBuilder().setSentDeleted(sent.getSentDeleted().toBuilder()
                .clearSenderId()).build())).hasMessage("sent_deleted has no sender_id");
        assertThatThrownBy(() -> decode(sent.toBuilder().setSentDeleted(sent.getSentDeleted().toBuilder()
                .clearDeletedAt()).build())).hasMessage("sent_deleted has no deleted_at");
        assertThatThrownBy(() -> decode(recalled.toBuilder().setMessagesRecalled(recalled.getMessagesRecalled()
                .toBuilder().clearSenderId()).build())).hasMessage("messages_recalled has no sender_id");
        assertThatThrownBy(() -> decode(recalled.toBuilder().setMessagesRecalled(recalled.getMessagesRecalled()
                .toBuilder().clearRecalledAt()).build())).hasMessage("messages_recalled has no recalled_at");
    }

    @Test
    void aProvisioningWithoutTimeIsUndecodableAndUsersWithoutIdAreLeftOut() throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("", "Nobody");
        names.put("bob", "Bob");
        var event = Events.usersProvisioned(names, T);

        Event decoded = EventDecoder.decode(event.toByteArray());

        assertThat(decoded).isEqualTo(new Event.ProvisionedUsers(List.of(new Event.NamedUser("bob", "Bob")), AT));
        assertThatThrownBy(() -> decode(event.toBuilder().setUsersProvisioned(event.getUsersProvisioned()
                .toBuilder().clearProvisionedAt()).build())).hasMessage("users_provisioned has no provisioned_at");
    }

    private static Event decode(StreamEvent event) throws UndecodableEventException {
        return EventDecoder.decode(event.toByteArray());
    }
}
