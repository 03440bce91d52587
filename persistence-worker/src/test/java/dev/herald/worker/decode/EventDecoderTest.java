package dev.herald.worker.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.proto.v1.StreamEvent;
import dev.herald.worker.testing.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

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
}
