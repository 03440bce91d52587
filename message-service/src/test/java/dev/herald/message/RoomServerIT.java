package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import dev.herald.message.testing.StoredRooms;
import dev.herald.proto.v1.AdminServiceGrpc;
import dev.herald.proto.v1.CreateRoomRequest;
import dev.herald.proto.v1.InspectRoomRequest;
import dev.herald.proto.v1.InspectRoomResponse;
import dev.herald.proto.v1.ListAllRoomsRequest;
import dev.herald.proto.v1.ListMyRoomsRequest;
import dev.herald.proto.v1.ListPublicRoomsRequest;
import dev.herald.proto.v1.ListRoomMessagesRequest;
import dev.herald.proto.v1.PurgeRoomRequest;
import dev.herald.proto.v1.ReadRoomRequest;
import dev.herald.proto.v1.Room;
import dev.herald.proto.v1.RoomMember;
import dev.herald.proto.v1.RoomServiceGrpc;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.NatsServerProcess;
import dev.herald.testing.TestDatabase;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RoomService and the admin room calls through a running message-service: bearer authentication, the caller's
 * limits and the admin role wired in front of them.
 */
class RoomServerIT {

    static NatsServerProcess natsServer;
    static TestDatabase database;
    static Database rows;
    static JwksServer jwks;
    static DevTokenIssuer tokens;
    static MessageServer server;
    static ManagedChannel channel;

    @BeforeAll
    static void startServer() throws Exception {
        natsServer = NatsServerProcess.start();
        database = TestDatabase.create();
        rows = new Database(new DatabaseConfig(database.jdbcUrl(), database.user(), database.password(), 1),
                "test-rows");
        rows.migrate();
        DevKeys keys = DevKeys.generate();
        jwks = JwksServer.start(keys, "127.0.0.1", 0);
        tokens = new DevTokenIssuer(keys, "herald-test", "herald", Clock.systemUTC());
        String stream = "IT_" + UUID.randomUUID().toString().replace("-", "");
        server = MessageServer.start(MessageServiceConfig.fromEnv(Map.ofEntries(
                Map.entry("HERALD_GRPC_HOST", "127.0.0.1"),
                Map.entry("HERALD_GRPC_PORT", "0"),
                Map.entry("HERALD_OPS_PORT", "0"),
                Map.entry("HERALD_NATS_URL", natsServer.url()),
                Map.entry("HERALD_NATS_STREAM", stream),
                Map.entry("HERALD_NATS_SUBJECT_PREFIX", "it." + stream),
                Map.entry("HERALD_STORED_WAIT_MS", "200"),
                Map.entry("HERALD_MAX_ROOM_MEMBERS_PER_CALL", "1"),
                Map.entry("HERALD_GATEWAY_SECRET", "test-gateway-secret-of-32-characters-or-more"),
                Map.entry("HERALD_JWKS_URL", jwks.jwksUrl().toString()),
                Map.entry("HERALD_JWT_ISSUER", "herald-test"),
                Map.entry("HERALD_JWT_AUDIENCE", "herald"),
                Map.entry("HERALD_DB_URL", database.jdbcUrl()),
                Map.entry("HERALD_DB_USER", database.user()),
                Map.entry("HERALD_DB_PASSWORD", database.password()))));
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        channel.shutdownNow();
        server.close();
        rows.close();
        jwks.close();
        database.close();
        natsServer.close();
    }

    @Test
    void aUserCreatesAndListsRoomsWithItsToken() {
        Room room = as("alice", false, RoomServiceGrpc.newBlockingStub(channel)).createRoom(
                CreateRoomRequest.newBuilder().setName("lobby").setPublic(true).build()).getRoom();

        assertThat(room.getCreatorId()).isEqualTo("alice");
        assertThat(room.getOwnerIdsList()).containsExactly("alice");
        assertThat(room.getMemberCount()).isEqualTo(1);
        assertCode(() -> RoomServiceGrpc.newBlockingStub(channel)
                .listPublicRooms(ListPublicRoomsRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED);
        assertCode(() -> as("alice", false, RoomServiceGrpc.newBlockingStub(channel)).createRoom(
                        CreateRoomRequest.newBuilder().setName("big").addMemberIds("x").addMemberIds("y").build()),
                Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void roomMessagesCarryTheirRoomAndTheMemberCount() {
        StoredRooms stored = new StoredRooms(rows.dsl());
        String reader = "bob-" + UUID.randomUUID(); // the other tests' rooms have a "bob"
        UUID room = stored.room("alice").members(reader).store();
        UUID message = stored.message(room, "alice", "hello room");
        RoomServiceGrpc.RoomServiceBlockingStub bob = as(reader, false, RoomServiceGrpc.newBlockingStub(channel));

        var mine = bob.listMyRooms(ListMyRoomsRequest.getDefaultInstance()).getRoomsList();
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst().getUnread()).isEqualTo(1);
        assertThat(mine.getFirst().getLastMessage().getRoomId()).isEqualTo(room.toString());
        var messages = bob.listRoomMessages(ListRoomMessagesRequest.newBuilder().setRoomId(room.toString()).build())
                .getMessagesList();
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().getMessage().getId()).isEqualTo(message.toString());
        assertThat(messages.getFirst().getMessage().getRoomId()).isEqualTo(room.toString());
        assertThat(messages.getFirst().getMessage().getBody()).isEqualTo("hello room");
        assertThat(messages.getFirst().getReceiverCount()).isEqualTo(2);
        assertThat(messages.getFirst().hasReadAt()).isFalse();
        assertThat(bob.readRoom(ReadRoomRequest.newBuilder().setRoomId(room.toString())
                .setMessageId(message.toString()).build()).getUnread()).isZero();
        assertCode(() -> as("mallory", false, RoomServiceGrpc.newBlockingStub(channel)).listRoomMessages(
                ListRoomMessagesRequest.newBuilder().setRoomId(room.toString()).build()), Status.Code.NOT_FOUND);
    }

    @Test
    void adminRoomCallsRefuseNonAdmins() {
        AdminServiceGrpc.AdminServiceBlockingStub user = as("mallory", false, AdminServiceGrpc.newBlockingStub(channel));
        String room = new StoredRooms(rows.dsl()).room("alice").store().toString();

        assertCode(() -> user.listAllRooms(ListAllRoomsRequest.getDefaultInstance()), Status.Code.PERMISSION_DENIED);
        assertCode(() -> user.inspectRoom(InspectRoomRequest.newBuilder().setRoomId(room).build()),
                Status.Code.PERMISSION_DENIED);
        assertCode(() -> user.purgeRoom(PurgeRoomRequest.newBuilder().setRoomId(room).build()),
                Status.Code.PERMISSION_DENIED);
    }

    @Test
    void adminsListInspectAndPurgeAnyRoom() {
        AdminServiceGrpc.AdminServiceBlockingStub admin = as("root", true, AdminServiceGrpc.newBlockingStub(channel));
        StoredRooms stored = new StoredRooms(rows.dsl());
        String prefix = "admin-" + UUID.randomUUID();
        UUID secret = stored.room("alice").name(prefix + "-secret").members("bob").store();
        stored.message(secret, "bob");
        stored.message(secret, "alice");

        assertThat(admin.listAllRooms(ListAllRoomsRequest.newBuilder().setNamePrefix(prefix).build()).getRoomsList())
                .extracting(Room::getId).as("private ones too").containsExactly(secret.toString());
        InspectRoomResponse inspected = admin.inspectRoom(
                InspectRoomRequest.newBuilder().setRoomId(secret.toString()).build());
        assertThat(inspected.getMembersList()).extracting(m -> m.getUser().getId()).containsExactly("alice", "bob");
        assertThat(inspected.getMembersList()).filteredOn(RoomMember::getOwner).hasSize(1);
        assertThat(inspected.getMessageCount()).isEqualTo(2);
        assertThat(admin.purgeRoom(PurgeRoomRequest.newBuilder().setRoomId(secret.toString()).build())
                .getPurgedMessages()).isEqualTo(2);
        assertCode(() -> admin.inspectRoom(InspectRoomRequest.newBuilder().setRoomId(UUID.randomUUID().toString())
                .build()), Status.Code.NOT_FOUND);
    }

    private static <S extends AbstractStub<S>> S as(String user, boolean isAdmin, S stub) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.issue(user, user, isAdmin, Duration.ofMinutes(5)));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static void assertCode(ThrowingCallable call, Status.Code code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }
}
