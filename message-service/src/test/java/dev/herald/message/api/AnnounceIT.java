package dev.herald.message.api;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ReplyBound;
import dev.herald.message.admin.Admin;
import dev.herald.message.admin.DeadLetters;
import dev.herald.message.auth.AdminOnlyInterceptor;
import dev.herald.message.auth.BearerAuthInterceptor;
import dev.herald.message.directory.UserDirectory;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.idempotency.ClientIdRegistry;
import dev.herald.message.room.RoomAccess;
import dev.herald.message.room.RoomAdmin;
import dev.herald.message.room.RoomMembers;
import dev.herald.message.room.RoomNotices;
import dev.herald.message.room.Rooms;
import dev.herald.message.send.Announcer;
import dev.herald.message.send.MessageIds;
import dev.herald.message.send.SendLimits;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.GatewayLinks.Gateway;
import dev.herald.message.testing.TestIdentity;
import dev.herald.proto.v1.AdminServiceGrpc;
import dev.herald.proto.v1.AnnounceRequest;
import dev.herald.proto.v1.AnnounceResponse;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.Message;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AdminService.Announce over gRPC with the service's interceptors: admins only, published once as an announcement,
 * one delivery to every gateway for all its sockets.
 */
class AnnounceIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    static TestIdentity identity;
    static Server server;
    static ManagedChannel channel;

    @BeforeAll
    static void adminService() throws Exception {
        identity = TestIdentity.start();
        ClientIdRegistry clientIds = ClientIdRegistry.open(backend.nats(), backend.stream() + "_CLIENT_IDS",
                Duration.ofHours(1), 1, backend.dsl());
        UserDirectory directory = new UserDirectory(backend.dsl(), backend.presence(), backend.watermark(),
                BackendExtension.STORED_WAIT, 1000);
        Announcer announcer = new Announcer(new SendLimits(5, 1000, 100, 50), clientIds, backend.publisher(),
                backend.router(), new MessageIds(), Clock.systemUTC());
        RoomAccess access = new RoomAccess(backend.queries(), backend.consistency());
        RoomNotices notices = new RoomNotices(backend.router());
        RoomAdmin rooms = new RoomAdmin(backend.queries(), backend.consistency(),
                new Rooms(backend.queries(), access, backend.consistency(), backend.publisher(), directory, notices,
                        100, new MessageIds(), Clock.systemUTC()),
                new RoomMembers(backend.queries(), access, backend.publisher(), directory, backend.presence(),
                        notices, 100, Clock.systemUTC()),
                backend.publisher(), notices, Clock.systemUTC());
        AdminApi api = new AdminApi(
                new Admin(backend.queries(), backend.consistency(), backend.publisher(), directory, 10,
                        Clock.systemUTC()),
                new DeadLetters(backend.queries(), backend.consistency(), backend.publisher(), 10),
                announcer, rooms, new StatusMapper(), ReplyBound.defaults());
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(
                        ServerInterceptors.intercept(api, new AdminOnlyInterceptor()),
                        new BearerAuthInterceptor(identity.tokens())))
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
    void aUserWithoutTheAdminRoleIsRefusedAndNothingIsPublished() throws Exception {
        long before = backend.events().count();

        assertThatThrownBy(() -> stub(unique("user"), false).announce(announcement("hello all", "")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(backend.events().count()).isEqualTo(before);
    }

    @Test
    void anAnnouncementIsOneEventAndOneDeliveryToEveryGatewayForAllItsSockets() throws Exception {
        String admin = unique("admin");
        Gateway first = backend.links().open(unique("bob"), unique("carol"));
        Gateway second = backend.links().open(admin, unique("dave"));
        Gateway empty = backend.links().open();
        long before = backend.events().count("message");

        AnnounceResponse response = stub(admin, true).announce(announcement("maintenance at noon", "ann-1"));

        assertThat(backend.events().count("message")).isEqualTo(before + 1);
        Message published = backend.events().last("message").getMessageCreated();
        assertThat(published.getId()).isEqualTo(response.getId());
        assertThat(published.getAnnouncement()).isTrue();
        assertThat(published.getReceiversList()).isEmpty();
        assertThat(published.getRoomId()).isEmpty();
        assertThat(published.getSender().getId()).isEqualTo(admin);
        assertThat(published.getBody()).isEqualTo("maintenance at noon");
        for (Gateway gateway : new Gateway[] {first, second, empty}) {
            Delivery delivery = gateway.awaitDeliveries(1).getFirst();
            assertThat(delivery.getEveryone()).isTrue();
            assertThat(delivery.getRecipientIdsList()).isEmpty();
            assertThat(delivery.getMessage().getId()).isEqualTo(response.getId());
            assertThat(delivery.getMessage().getAnnouncement()).isTrue();
            assertThat(delivery.getMessage().getClientId()).as("the admin's retry key stays the admin's").isEmpty();
        }

        AnnounceResponse retry = stub(admin, true).announce(announcement("maintenance at noon", "ann-1"));
        assertThat(retry.getId()).isEqualTo(response.getId());
        assertThat(retry.getDuplicate()).isTrue();
        assertThat(backend.events().count("message")).isEqualTo(before + 1);
        // One delivery per gateway even now: the retry published and delivered nothing.
        stub(admin, true).announce(announcement("and another", ""));
        assertThat(first.awaitDeliveries(2)).hasSize(2);
        assertThat(empty.awaitDeliveries(2)).hasSize(2);
    }

    @Test
    void anAnnouncementIsCheckedLikeASend() throws Exception {
        long before = backend.events().count();

        assertThatThrownBy(() -> stub(unique("admin"), true).announce(announcement("  ", "")))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("body");
                });
        assertThat(backend.events().count()).isEqualTo(before);
    }

    private static AnnounceRequest announcement(String body, String clientId) {
        return AnnounceRequest.newBuilder().setBody(body).setTitle("Notice").setType("notice")
                .setClientId(clientId).build();
    }

    private static AdminServiceGrpc.AdminServiceBlockingStub stub(String userId, boolean admin) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + identity.issuer(TestIdentity.ISSUER, TestIdentity.AUDIENCE, Clock.systemUTC())
                        .issue(userId, userId, admin, Duration.ofMinutes(5)));
        return AdminServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }
}
