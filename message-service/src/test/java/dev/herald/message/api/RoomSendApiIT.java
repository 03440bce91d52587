package dev.herald.message.api;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.auth.BearerAuthInterceptor;
import dev.herald.message.directory.UserDirectory;
import dev.herald.message.directory.UserRegistration;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.idempotency.ClientIdRegistry;
import dev.herald.message.inbox.Inbox;
import dev.herald.message.presence.Audiences;
import dev.herald.message.presence.PresenceLookup;
import dev.herald.message.presence.RecentLastSeen;
import dev.herald.message.room.RoomAccess;
import dev.herald.message.typing.TypingRelay;
import dev.herald.message.send.MessageIds;
import dev.herald.message.send.MessageSender;
import dev.herald.message.send.SendLimits;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.GatewayLinks.Gateway;
import dev.herald.message.testing.StoredRoomMessages;
import dev.herald.message.testing.TestIdentity;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MessageService.Send with {@code room_id} over gRPC: the request's room reaches the sender, errors name the field. */
class RoomSendApiIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    static TestIdentity identity;
    static Server server;
    static ManagedChannel channel;

    @BeforeAll
    static void messageService() throws Exception {
        identity = TestIdentity.start();
        ClientIdRegistry clientIds = ClientIdRegistry.open(backend.nats(), backend.stream() + "_CLIENT_IDS",
                Duration.ofHours(1), 1, backend.dsl());
        UserDirectory directory = new UserDirectory(backend.dsl(), backend.presence(), backend.watermark(),
                BackendExtension.STORED_WAIT, 1000);
        RoomAccess rooms = new RoomAccess(backend.queries(), backend.consistency());
        MessageSender sender = new MessageSender(new SendLimits(5, 1000, 100, 50), directory,
                rooms, clientIds, backend.publisher(),
                backend.router(), new MessageIds(), Clock.systemUTC());
        Inbox inbox = new Inbox(backend.queries(), backend.consistency(), backend.publisher(), backend.router(),
                backend.firstClaims(), 10, Clock.systemUTC());
        Audiences audiences = new Audiences(backend.queries(), backend.consistency(), Clock.systemUTC(), Duration.ofSeconds(30), 100);
        MessageApi api = new MessageApi(new UserRegistration(backend.publisher(), directory, backend.queries(),
                backend.consistency(), Clock.systemUTC()), inbox,
                sender, new PresenceLookup(backend.presence(), audiences, rooms,
                        new RecentLastSeen(Duration.ofMinutes(1), 100), backend.queries()),
                new TypingRelay(audiences, rooms, backend.router(), Clock.systemUTC()), new StatusMapper());
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(api, new BearerAuthInterceptor(identity.tokens())))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterAll
    static void close() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        identity.close();
    }

    @Test
    void aMessageToARoomIsDeliveredWithItsRoom() {
        String alice = unique("alice");
        String bob = unique("bob");
        StoredRoomMessages rooms = new StoredRoomMessages(backend.dsl());
        UUID room = rooms.room(alice, false);
        rooms.member(room, 1, alice, bob);
        Gateway bobs = backend.links().open(bob);

        SendResponse sent = stub(alice).send(SendRequest.newBuilder().setRoomId(room.toString()).setBody("hi all")
                .build());

        Delivery delivery = bobs.awaitDeliveries(1).getFirst();
        assertThat(delivery.getMessage().getId()).isEqualTo(sent.getId());
        assertThat(delivery.getMessage().getRoomId()).isEqualTo(room.toString());
        assertThat(delivery.getRecipientIdsList()).containsExactly(bob);
    }

    @Test
    void receiversAndARoomTogetherAreInvalidNamingRoomIdAndAnOutsiderFindsNoPrivateRoom() {
        String alice = unique("alice");
        UUID room = new StoredRoomMessages(backend.dsl()).room(unique("bob"), false);

        assertThatThrownBy(() -> stub(alice).send(SendRequest.newBuilder().setRoomId(room.toString())
                .addReceivers(unique("carol")).setBody("hi").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getTrailers().get(StatusMapper.FIELD_KEY)).isEqualTo("room_id");
                });
        assertThatThrownBy(() -> stub(alice).send(SendRequest.newBuilder().setRoomId(room.toString())
                .setBody("hi").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    private static MessageServiceGrpc.MessageServiceBlockingStub stub(String userId) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + identity.token(userId));
        return MessageServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }
}
