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
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sending on its own: validate, claim the clientId, publish, route; against a real stream, bucket and database. */
class MessageSenderIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    static ClientIdRegistry clientIds;

    private MessageSender sender;
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
        alice = user(unique("alice"), "Alice");
        bob = unique("bob");
        carol = unique("carol");
        backend.rows().user(bob, "Bob");
        backend.rows().user(carol, "Carol");
    }

    @Test
    void anAcceptedMessageIsPublishedThenDeliveredToTheGatewaysOfItsReceiversAndSender() throws Exception {
        Gateway bobsGateway = backend.links().open(bob);
        Gateway alicesGateway = backend.links().open(alice.id());

        SendResult result = sender.send(alice, new SendCommand(List.of(bob, carol, bob), "title", "hi", "text", "",
                "alice-socket")).join();

        assertThat(result.duplicate()).isFalse();
        assertThat(result.createdAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(5,
                ChronoUnit.SECONDS));
        Message published = backend.events().last("message").getMessageCreated();
        assertThat(published.getId()).isEqualTo(result.id().toString());
        assertThat(published.getSender().getId()).isEqualTo(alice.id());
        assertThat(published.getSender().getName()).isEqualTo("Alice");
        assertThat(published.getReceiversList()).containsExactly(bob, carol);
        assertThat(published.getBody()).isEqualTo("hi");
        assertThat(published.getCreatedAt().getSeconds()).isEqualTo(result.createdAt().getEpochSecond());
        Delivery toBob = bobsGateway.awaitDeliveries(1).getFirst();
        assertThat(toBob.getRecipientIdsList()).containsExactly(bob); // carol is offline
        assertThat(toBob.getMessage()).isEqualTo(published);
        Delivery toAlice = alicesGateway.awaitDeliveries(1).getFirst();
        assertThat(toAlice.getRecipientIdsList()).containsExactly(alice.id());
        assertThat(toAlice.getOriginSession()).isEqualTo("alice-socket");
    }

    @Test
    void anUnknownReceiverIsNotFoundAndNothingIsPublished() throws Exception {
        long before = backend.events().count();
        String nobody = unique("nobody");

        assertThatThrownBy(() -> sender.send(alice, command(List.of(bob, nobody), "")))
                .isInstanceOfSatisfying(HeraldException.NotFound.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("unknown receiver: " + nobody);
                    assertThat(e.field()).isEqualTo("receivers");
                });
        assertThat(backend.events().count()).isEqualTo(before);
    }

    @Test
    void aRetriedClientIdAnswersWithTheFirstMessageWhichIsDeliveredOnce() throws Exception {
        Gateway bobsGateway = backend.links().open(bob);
        long before = backend.events().count("message");

        SendResult first = sender.send(alice, command(List.of(bob), "retry-1")).join();
        SendResult retry = sender.send(alice, command(List.of(bob), "retry-1")).join();
        SendResult othersKey = sender.send(user(carol, "Carol"), command(List.of(bob), "retry-1"))
                .join();

        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.createdAt()).isEqualTo(first.createdAt());
        assertThat(retry.duplicate()).isTrue();
        assertThat(othersKey.id()).as("a clientId is the sender's own").isNotEqualTo(first.id());
        assertThat(backend.events().count("message")).isEqualTo(before + 2);
        assertThat(bobsGateway.awaitDeliveries(2)).extracting(d -> d.getMessage().getId())
                .containsExactly(first.id().toString(), othersKey.id().toString());
    }

    @Test
    void aClientIdOfAStoredMessageAnswersWithItWithoutPublishing() throws Exception {
        UUID stored = backend.rows().message(alice.id()).to(bob).clientId("stored-key").store();
        long before = backend.events().count();

        SendResult result = sender.send(alice, command(List.of(bob), "stored-key")).join();

        assertThat(result.id()).isEqualTo(stored);
        assertThat(result.duplicate()).isTrue();
        assertThat(backend.events().count()).isEqualTo(before);
    }

    private static VerifiedUser user(String id, String name) {
        return new VerifiedUser(id, name, Set.of(), Instant.now().plusSeconds(600));
    }

    private static SendCommand command(List<String> receivers, String clientId) {
        return new SendCommand(receivers, "", "hello", "text", clientId, "");
    }
}
