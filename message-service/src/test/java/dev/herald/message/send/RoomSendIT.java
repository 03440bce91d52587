package dev.herald.message.send;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.auth.VerifiedUser;
import dev.herald.message.directory.UserDirectory;
import dev.herald.message.error.HeraldException;
import dev.herald.message.idempotency.ClientIdRegistry;
import dev.herald.message.room.RoomAccess;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.GatewayLinks.Gateway;
import dev.herald.message.testing.StoredRoomMessages;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sending to a room: only members, one event whatever the member count, live to the members online. */
class RoomSendIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    static ClientIdRegistry clientIds;

    private MessageSender sender;
    private StoredRoomMessages rooms;
    private VerifiedUser alice;
    private String bob;
    private String carol;

    @BeforeAll
    static void bucket() throws Exception {
        clientIds = ClientIdRegistry.open(backend.nats(), backend.stream() + "_CLIENT_IDS", Duration.ofHours(1), 1,
                backend.dsl());
    }

    @BeforeEach
    void sender() {
        UserDirectory directory = new UserDirectory(backend.dsl(), backend.presence(), backend.watermark(),
                BackendExtension.STORED_WAIT, 1000);
        sender = new MessageSender(new SendLimits(5, 1000, 100, 50), directory,
                new RoomAccess(backend.queries(), backend.consistency()), clientIds, backend.publisher(),
                backend.router(), new MessageIds(), Clock.systemUTC());
        rooms = new StoredRoomMessages(backend.dsl());
        alice = user(unique("alice"));
        bob = unique("bob");
        carol = unique("carol");
    }

    @Test
    void bothOrNeitherOfReceiversAndRoomIsInvalidNamingTheFieldAndNothingIsPublished() throws Exception {
        UUID room = rooms.room(alice.id(), false);
        rooms.member(room, 1, alice.id(), bob);
        backend.rows().user(bob, "Bob");
        long before = backend.events().count();

        assertThatThrownBy(() -> sender.send(alice, command(List.of(bob), room.toString(), "")))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("room_id"));
        assertThatThrownBy(() -> sender.send(alice, command(List.of(), "", "")))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("receivers"));
        assertThat(backend.events().count()).isEqualTo(before);
    }

    @Test
    void aNonMemberFindsNoPrivateRoomIsRefusedByAPublicOneAndNothingIsPublished() throws Exception {
        UUID privateRoom = rooms.room(bob, false);
        UUID publicRoom = rooms.room(bob, true);
        rooms.member(privateRoom, 1, bob);
        rooms.member(publicRoom, 1, bob);
        UUID deletedOrNever = UUID.randomUUID();
        long before = backend.events().count();

        assertThatThrownBy(() -> sender.send(alice, command(List.of(), privateRoom.toString(), "")))
                .isInstanceOfSatisfying(HeraldException.NotFound.class,
                        e -> assertThat(e.field()).isEqualTo("room_id"));
        assertThatThrownBy(() -> sender.send(alice, command(List.of(), deletedOrNever.toString(), "")))
                .isInstanceOfSatisfying(HeraldException.NotFound.class,
                        e -> assertThat(e.field()).isEqualTo("room_id"));
        assertThatThrownBy(() -> sender.send(alice, command(List.of(), publicRoom.toString(), "")))
                .isInstanceOf(HeraldException.PermissionDenied.class);
        assertThat(backend.events().count()).isEqualTo(before);
    }

    @Test
    void aRoomMessageIsOneEventWithTheRoomAndGoesLiveToEachGatewayOfTheMembersOnlineOnce() throws Exception {
        String dave = unique("dave");
        String removed = unique("removed");
        String outsider = unique("outsider");
        UUID room = rooms.room(alice.id(), false);
        rooms.member(room, 1, alice.id(), bob, carol, dave, removed);
        rooms.left(room, removed, 2);
        Gateway first = backend.links().open(bob, carol, removed, outsider);
        Gateway second = backend.links().open(alice.id(), dave);
        long before = backend.events().count("message");

        SendResult result = sender.send(alice, command(List.of(), room.toString(), "", "alice-socket")).join();

        assertThat(backend.events().count("message")).isEqualTo(before + 1);
        Message published = backend.events().last("message").getMessageCreated();
        assertThat(published.getId()).isEqualTo(result.id().toString());
        assertThat(published.getRoomId()).isEqualTo(room.toString());
        assertThat(published.getReceiversList()).isEmpty();
        assertThat(published.getAnnouncement()).isFalse();
        Delivery toFirst = first.awaitDeliveries(1).getFirst();
        assertThat(toFirst.getRecipientIdsList()).as("removed and outsider get nothing")
                .containsExactlyInAnyOrder(bob, carol);
        assertThat(toFirst.getMessage()).isEqualTo(published);
        Delivery toSecond = second.awaitDeliveries(1).getFirst();
        assertThat(toSecond.getRecipientIdsList()).as("the sender's other sockets too")
                .containsExactlyInAnyOrder(alice.id(), dave);
        assertThat(toSecond.getOriginSession()).isEqualTo("alice-socket");
        // The sends after this one are delivered too, so the single delivery above was not merely the first.
        sender.send(alice, command(List.of(), room.toString(), "", "")).join();
        assertThat(first.awaitDeliveries(2)).hasSize(2);
        assertThat(second.awaitDeliveries(2)).hasSize(2);
    }

    @Test
    void aMessageToTenThousandMembersIsOneSmallEvent() throws Exception {
        UUID room = rooms.room(alice.id(), true);
        rooms.member(room, 1, alice.id());
        rooms.members(room, 1, IntStream.range(0, 10_000).mapToObj(i -> "member-" + i + "-" + room).toList());
        long before = backend.events().count("message");

        SendResult result = sender.send(alice, command(List.of(), room.toString(), "")).join();

        assertThat(backend.events().count("message")).isEqualTo(before + 1);
        Message published = backend.events().last("message").getMessageCreated();
        assertThat(published.getId()).isEqualTo(result.id().toString());
        assertThat(published.getSerializedSize()).as("no member list in the event").isLessThan(300);
    }

    @Test
    void aRetriedClientIdToARoomAnswersWithTheFirstMessageWhichIsDeliveredOnce() throws Exception {
        UUID room = rooms.room(alice.id(), false);
        rooms.member(room, 1, alice.id(), bob);
        Gateway bobs = backend.links().open(bob);
        long before = backend.events().count("message");

        SendResult first = sender.send(alice, command(List.of(), room.toString(), "room-retry")).join();
        SendResult retry = sender.send(alice, command(List.of(), room.toString(), "room-retry")).join();

        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.duplicate()).isTrue();
        assertThat(backend.events().count("message")).isEqualTo(before + 1);
        // A later send is delivered; the retry before it was not.
        SendResult later = sender.send(alice, command(List.of(), room.toString(), "")).join();
        assertThat(bobs.awaitDeliveries(2)).extracting(d -> d.getMessage().getId())
                .containsExactly(first.id().toString(), later.id().toString());
    }

    private static VerifiedUser user(String id) {
        return new VerifiedUser(id, "name of " + id, Set.of(), Instant.now().plusSeconds(600));
    }

    private static SendCommand command(List<String> receivers, String roomId, String clientId) {
        return command(receivers, roomId, clientId, "");
    }

    private static SendCommand command(List<String> receivers, String roomId, String clientId, String origin) {
        return new SendCommand(receivers, roomId, "", "hello", "text", clientId, origin);
    }
}
