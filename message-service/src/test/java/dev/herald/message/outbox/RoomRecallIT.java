package dev.herald.message.outbox;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.model.MessageWithReceipts;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.GatewayLinks.Gateway;
import dev.herald.message.testing.StoredRoomMessages;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.StreamEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A sender's room messages and an admin's announcements in the outbox: listed, recalled, pushed to who sees them. */
class RoomRecallIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private Outbox outbox;
    private StoredRoomMessages shared;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void outbox() {
        outbox = new Outbox(backend.queries(), backend.consistency(), backend.publisher(), backend.router(),
                backend.firstClaims(), 10, Clock.systemUTC());
        shared = new StoredRoomMessages(backend.dsl());
        alice = unique("alice");
        bob = unique("bob");
        carol = unique("carol");
    }

    @Test
    void recallOfARoomMessagePushesRecalledWithTheRoomToTheCurrentMembersOnline() throws Exception {
        String removed = unique("removed");
        UUID room = shared.room(alice, false);
        shared.member(room, 1, alice, bob, carol, removed);
        shared.left(room, removed, 3);
        UUID message = shared.roomMessage(room, alice, 2);
        Gateway first = backend.links().open(bob, removed);
        Gateway second = backend.links().open(carol);

        assertThat(outbox.recall(bob, List.of(message.toString())).join().unknown())
                .as("only the sender recalls").containsExactly(message.toString());
        BatchResult result = outbox.recall(alice, List.of(message.toString())).join();

        assertThat(result.changed()).containsExactly(message);
        StreamEvent event = backend.events().last("update");
        assertThat(event.getMessagesRecalled().getMessageIdsList()).containsExactly(message.toString());
        Delivery toFirst = first.awaitDeliveries(1).getFirst();
        assertThat(toFirst.getRecalled().getMessageId()).isEqualTo(message.toString());
        assertThat(toFirst.getRecalled().getRoomId()).isEqualTo(room.toString());
        assertThat(toFirst.getRecipientIdsList()).as("not the removed member").containsExactly(bob);
        assertThat(second.awaitDeliveries(1).getFirst().getRecipientIdsList()).containsExactly(carol);
    }

    @Test
    void recallOfAnAnnouncementGoesToEveryGatewayOnce() throws Exception {
        String admin = unique("admin");
        UUID announcement = shared.announcement(admin, 2);
        Gateway first = backend.links().open(bob);
        Gateway empty = backend.links().open();

        BatchResult result = outbox.recall(admin, List.of(announcement.toString())).join();

        assertThat(result.changed()).containsExactly(announcement);
        for (Gateway gateway : List.of(first, empty)) {
            Delivery delivery = gateway.awaitDeliveries(1).getFirst();
            assertThat(delivery.getEveryone()).isTrue();
            assertThat(delivery.getRecalled().getMessageId()).isEqualTo(announcement.toString());
            assertThat(delivery.getRecalled().getRoomId()).isEmpty();
        }
    }

    @Test
    void theOutboxListsRoomMessagesWithTheirRoomAndNoReceivers() throws Exception {
        UUID room = shared.room(alice, true);
        shared.member(room, 1, alice, bob);
        UUID message = shared.roomMessage(room, alice, 2);

        List<MessageWithReceipts> sent = outbox.list(alice, "", 10).items();

        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().message().id()).isEqualTo(message);
        assertThat(sent.getFirst().message().roomId()).isEqualTo(Optional.of(room));
        assertThat(sent.getFirst().message().receivers()).isEmpty();
        assertThat(sent.getFirst().receipts()).isEmpty();

        BatchResult deleted = outbox.delete(alice, List.of(message.toString())).join();
        assertThat(deleted.changed()).containsExactly(message);
    }
}
