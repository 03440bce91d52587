package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.CountUnreadRequest;
import dev.herald.proto.v1.CountUnreadResponse;
import dev.herald.proto.v1.CreateRoomRequest;
import dev.herald.proto.v1.CreateRoomResponse;
import dev.herald.proto.v1.DeleteReceivedRequest;
import dev.herald.proto.v1.DeleteReceivedResponse;
import dev.herald.proto.v1.DeleteSentRequest;
import dev.herald.proto.v1.DeleteSentResponse;
import dev.herald.proto.v1.GetPresenceRequest;
import dev.herald.proto.v1.GetPresenceResponse;
import dev.herald.proto.v1.GetReceivedRequest;
import dev.herald.proto.v1.GetReceivedResponse;
import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.LeaveRoomRequest;
import dev.herald.proto.v1.LeaveRoomResponse;
import dev.herald.proto.v1.ListMembersRequest;
import dev.herald.proto.v1.ListMembersResponse;
import dev.herald.proto.v1.ListMyRoomsRequest;
import dev.herald.proto.v1.ListMyRoomsResponse;
import dev.herald.proto.v1.ListPublicRoomsRequest;
import dev.herald.proto.v1.ListPublicRoomsResponse;
import dev.herald.proto.v1.ListReceivedRequest;
import dev.herald.proto.v1.ListReceivedResponse;
import dev.herald.proto.v1.ListRoomMessagesRequest;
import dev.herald.proto.v1.ListRoomMessagesResponse;
import dev.herald.proto.v1.ListSentRequest;
import dev.herald.proto.v1.ListSentResponse;
import dev.herald.proto.v1.MarkReadRequest;
import dev.herald.proto.v1.MarkReadResponse;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.MyRoom;
import dev.herald.proto.v1.OutboxServiceGrpc;
import dev.herald.proto.v1.Presence;
import dev.herald.proto.v1.ReadRoomRequest;
import dev.herald.proto.v1.ReadRoomResponse;
import dev.herald.proto.v1.RecallRequest;
import dev.herald.proto.v1.RecallResponse;
import dev.herald.proto.v1.Receipt;
import dev.herald.proto.v1.ReceivedMessage;
import dev.herald.proto.v1.Room;
import dev.herald.proto.v1.RoomMember;
import dev.herald.proto.v1.RoomServiceGrpc;
import dev.herald.proto.v1.SentMessage;
import dev.herald.proto.v1.SyncRequest;
import dev.herald.proto.v1.SyncResponse;
import dev.herald.proto.v1.TypingRequest;
import dev.herald.proto.v1.TypingResponse;
import dev.herald.proto.v1.UpdateRoomRequest;
import dev.herald.proto.v1.UpdateRoomResponse;
import dev.herald.proto.v1.User;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API events (inbox, outbox, rooms, presence, typing): each reaches its RPC as the socket's user and is acked
 * with the response.
 */
class ApiCallsIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    private static final String ID_A = "019ab2c4-5e1f-7a3b-9c2d-4e5f6a7b8c9d";
    private static final String ID_B = "019ab2c4-6a00-7c11-8d2e-1f2a3b4c5d6e";
    private static final Timestamp CREATED = Timestamp.newBuilder().setSeconds(1_795_636_800L).setNanos(123_000_000).build();
    private static final Timestamp READ = Timestamp.newBuilder().setSeconds(1_795_637_100L).build();
    private static final dev.herald.proto.v1.Message MESSAGE = dev.herald.proto.v1.Message.newBuilder().setId(ID_A)
            .setSender(User.newBuilder().setId("alice").setName("Alice")).addReceivers("bob").setBody("hi")
            .setCreatedAt(CREATED).build();
    private static final String MESSAGE_JSON = "{\"id\":\"" + ID_A + "\",\"sender\":{\"id\":\"alice\",\"name\":\"Alice\"},"
            + "\"receivers\":[\"bob\"],\"title\":\"\",\"body\":\"hi\",\"type\":\"\","
            + "\"createdAt\":\"2026-11-25T20:00:00.123Z\",\"clientId\":\"\",\"roomId\":\"\",\"announcement\":false}";

    private static final String ROOM_ID = "019ab2c4-0000-7000-8000-00000000000a";
    private static final Room ROOM = Room.newBuilder().setId(ROOM_ID).setName("Lunch").setPublic(true)
            .setCreatorId("alice").setCreatedAt(CREATED).setMemberCount(2).addOwnerIds("alice").build();
    private static final String ROOM_JSON = "{\"id\":\"" + ROOM_ID + "\",\"name\":\"Lunch\",\"topic\":\"\","
            + "\"public\":true,\"creatorId\":\"alice\",\"createdAt\":\"2026-11-25T20:00:00.123Z\",\"memberCount\":2,"
            + "\"ownerIds\":[\"alice\"]}";
    private static final dev.herald.proto.v1.Message ROOM_MESSAGE = MESSAGE.toBuilder().clearReceivers()
            .setRoomId(ROOM_ID).build();
    private static final String ROOM_MESSAGE_JSON = "{\"id\":\"" + ID_A + "\",\"sender\":{\"id\":\"alice\","
            + "\"name\":\"Alice\"},\"receivers\":[],\"title\":\"\",\"body\":\"hi\",\"type\":\"\","
            + "\"createdAt\":\"2026-11-25T20:00:00.123Z\",\"clientId\":\"\",\"roomId\":\"" + ROOM_ID + "\","
            + "\"announcement\":false}";

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("sync", "{\"after\":\"" + ID_B + "\",\"limit\":20}",
                        InboxServiceGrpc.getSyncMethod(),
                        SyncRequest.newBuilder().setAfter(ID_B).setLimit(20).build(),
                        SyncResponse.newBuilder().addMessages(ReceivedMessage.newBuilder().setMessage(MESSAGE).setReceiverCount(1))
                                .setNextAfter(ID_A).build(),
                        "{\"messages\":[{\"message\":" + MESSAGE_JSON + ",\"receiverCount\":1}],\"nextAfter\":\"" + ID_A + "\","
                                + "\"hasMore\":false}"),
                Arguments.of("inbox", "{\"before\":\"" + ID_B + "\",\"limit\":10,\"unreadOnly\":false,\"senderId\":"
                                + "\"alice\",\"type\":\"text\",\"since\":\"2026-11-25T00:00:00Z\","
                                + "\"until\":\"2026-11-26T00:00:00Z\"}",
                        InboxServiceGrpc.getListReceivedMethod(),
                        ListReceivedRequest.newBuilder().setBefore(ID_B).setLimit(10).setSenderId("alice").setType("text")
                                .setSince(Timestamp.newBuilder().setSeconds(1_795_564_800L))
                                .setUntil(Timestamp.newBuilder().setSeconds(1_795_651_200L)).build(),
                        ListReceivedResponse.newBuilder()
                                .addMessages(ReceivedMessage.newBuilder().setMessage(MESSAGE).setReadAt(READ).setReceiverCount(1))
                                .build(),
                        "{\"messages\":[{\"message\":" + MESSAGE_JSON + ",\"readAt\":\"2026-11-25T20:05:00Z\","
                                + "\"receiverCount\":1}],"
                                + "\"nextBefore\":\"\"}"),
                Arguments.of("unread", "{}",
                        InboxServiceGrpc.getCountUnreadMethod(),
                        CountUnreadRequest.getDefaultInstance(),
                        CountUnreadResponse.newBuilder().setUnread(3).build(),
                        "{\"unread\":3}"),
                Arguments.of("get", "{\"id\":\"" + ID_A + "\",\"markRead\":true}",
                        InboxServiceGrpc.getGetReceivedMethod(),
                        GetReceivedRequest.newBuilder().setId(ID_A).setMarkRead(true).build(),
                        GetReceivedResponse.newBuilder()
                                .setMessage(ReceivedMessage.newBuilder().setMessage(MESSAGE).setReadAt(READ).setReceiverCount(1))
                                .build(),
                        "{\"message\":{\"message\":" + MESSAGE_JSON + ",\"readAt\":\"2026-11-25T20:05:00Z\","
                                + "\"receiverCount\":1}}"),
                Arguments.of("read", "{\"ids\":[\"" + ID_A + "\",\"" + ID_B + "\"]}",
                        InboxServiceGrpc.getMarkReadMethod(),
                        MarkReadRequest.newBuilder().addIds(ID_A).addIds(ID_B).build(),
                        MarkReadResponse.newBuilder().addChanged(ID_A).addUnknown(ID_B).setReadAt(READ).build(),
                        "{\"changed\":[\"" + ID_A + "\"],\"unknown\":[\"" + ID_B + "\"],"
                                + "\"readAt\":\"2026-11-25T20:05:00Z\"}"),
                Arguments.of("delete", "{\"ids\":[\"" + ID_A + "\"]}",
                        InboxServiceGrpc.getDeleteReceivedMethod(),
                        DeleteReceivedRequest.newBuilder().addIds(ID_A).build(),
                        DeleteReceivedResponse.newBuilder().addChanged(ID_A).build(),
                        "{\"changed\":[\"" + ID_A + "\"],\"unknown\":[]}"),
                Arguments.of("sent", "{\"limit\":5}",
                        OutboxServiceGrpc.getListSentMethod(),
                        ListSentRequest.newBuilder().setLimit(5).build(),
                        ListSentResponse.newBuilder().addMessages(SentMessage.newBuilder().setMessage(MESSAGE)
                                .addReceipts(Receipt.newBuilder().setReceiverId("bob").setReadAt(READ)).setReceiverCount(1)).build(),
                        "{\"messages\":[{\"message\":" + MESSAGE_JSON + ",\"receipts\":[{\"receiverId\":\"bob\","
                                + "\"readAt\":\"2026-11-25T20:05:00Z\"}],\"receiverCount\":1}],\"nextBefore\":\"\"}"),
                Arguments.of("deleteSent", "{\"ids\":[\"" + ID_A + "\"]}",
                        OutboxServiceGrpc.getDeleteSentMethod(),
                        DeleteSentRequest.newBuilder().addIds(ID_A).build(),
                        DeleteSentResponse.newBuilder().addUnknown(ID_A).build(),
                        "{\"changed\":[],\"unknown\":[\"" + ID_A + "\"]}"),
                Arguments.of("recall", "{\"ids\":[\"" + ID_A + "\"]}",
                        OutboxServiceGrpc.getRecallMethod(),
                        RecallRequest.newBuilder().addIds(ID_A).build(),
                        RecallResponse.newBuilder().addChanged(ID_A).build(),
                        "{\"changed\":[\"" + ID_A + "\"],\"unknown\":[]}"),
                Arguments.of("createRoom", "{\"name\":\"Lunch\",\"public\":true,\"memberIds\":[\"bob\"]}",
                        RoomServiceGrpc.getCreateRoomMethod(),
                        CreateRoomRequest.newBuilder().setName("Lunch").setPublic(true).addMemberIds("bob").build(),
                        CreateRoomResponse.newBuilder().setRoom(ROOM).build(),
                        "{\"room\":" + ROOM_JSON + "}"),
                Arguments.of("updateRoom", "{\"roomId\":\"" + ROOM_ID + "\",\"topic\":\"\"}",
                        RoomServiceGrpc.getUpdateRoomMethod(),
                        UpdateRoomRequest.newBuilder().setRoomId(ROOM_ID).setTopic("").build(),
                        UpdateRoomResponse.newBuilder().setRoom(ROOM).build(),
                        "{\"room\":" + ROOM_JSON + "}"),
                Arguments.of("rooms", "{\"limit\":10}",
                        RoomServiceGrpc.getListMyRoomsMethod(),
                        ListMyRoomsRequest.newBuilder().setLimit(10).build(),
                        ListMyRoomsResponse.newBuilder().addRooms(MyRoom.newBuilder().setRoom(ROOM).setUnread(2)
                                .setLastMessage(ROOM_MESSAGE).setOwner(true)).build(),
                        "{\"rooms\":[{\"room\":" + ROOM_JSON + ",\"unread\":2,\"unreadCapped\":false,"
                                + "\"lastMessage\":" + ROOM_MESSAGE_JSON + ",\"readUpTo\":\"\",\"owner\":true}],"
                                + "\"nextBefore\":\"\"}"),
                Arguments.of("publicRooms", "{\"namePrefix\":\"Lu\",\"limit\":5}",
                        RoomServiceGrpc.getListPublicRoomsMethod(),
                        ListPublicRoomsRequest.newBuilder().setNamePrefix("Lu").setLimit(5).build(),
                        ListPublicRoomsResponse.newBuilder().addRooms(ROOM).setNextAfter(ROOM_ID).build(),
                        "{\"rooms\":[" + ROOM_JSON + "],\"nextAfter\":\"" + ROOM_ID + "\"}"),
                Arguments.of("members", "{\"roomId\":\"" + ROOM_ID + "\"}",
                        RoomServiceGrpc.getListMembersMethod(),
                        ListMembersRequest.newBuilder().setRoomId(ROOM_ID).build(),
                        ListMembersResponse.newBuilder().addMembers(RoomMember.newBuilder()
                                .setUser(User.newBuilder().setId("alice").setName("Alice")).setOwner(true)
                                .setJoinedAt(CREATED).setOnline(true)).build(),
                        "{\"members\":[{\"user\":{\"id\":\"alice\",\"name\":\"Alice\"},\"owner\":true,"
                                + "\"joinedAt\":\"2026-11-25T20:00:00.123Z\",\"online\":true}],\"nextAfter\":\"\"}"),
                Arguments.of("readRoom", "{\"roomId\":\"" + ROOM_ID + "\",\"messageId\":\"" + ID_A + "\"}",
                        RoomServiceGrpc.getReadRoomMethod(),
                        ReadRoomRequest.newBuilder().setRoomId(ROOM_ID).setMessageId(ID_A).build(),
                        ReadRoomResponse.newBuilder().setUnread(0).build(),
                        "{\"unread\":0,\"unreadCapped\":false}"),
                Arguments.of("roomMessages", "{\"roomId\":\"" + ROOM_ID + "\",\"limit\":1}",
                        RoomServiceGrpc.getListRoomMessagesMethod(),
                        ListRoomMessagesRequest.newBuilder().setRoomId(ROOM_ID).setLimit(1).build(),
                        ListRoomMessagesResponse.newBuilder().addMessages(ReceivedMessage.newBuilder()
                                .setMessage(ROOM_MESSAGE).setReceiverCount(3)).setNextBefore(ID_A).build(),
                        "{\"messages\":[{\"message\":" + ROOM_MESSAGE_JSON + ",\"receiverCount\":3}],"
                                + "\"nextBefore\":\"" + ID_A + "\"}"),
                Arguments.of("leaveRoom", "{\"roomId\":\"" + ROOM_ID + "\"}",
                        RoomServiceGrpc.getLeaveRoomMethod(),
                        LeaveRoomRequest.newBuilder().setRoomId(ROOM_ID).build(),
                        LeaveRoomResponse.getDefaultInstance(),
                        "{}"),
                Arguments.of("presence", "{\"userIds\":[\"alice\",\"zed\"]}",
                        MessageServiceGrpc.getGetPresenceMethod(),
                        GetPresenceRequest.newBuilder().addUserIds("alice").addUserIds("zed").build(),
                        GetPresenceResponse.newBuilder()
                                .addUsers(Presence.newBuilder().setUserId("alice").setState(Presence.State.STATE_OFFLINE)
                                        .setLastSeen(READ))
                                .addUsers(Presence.newBuilder().setUserId("zed").setState(Presence.State.STATE_UNKNOWN))
                                .build(),
                        "{\"users\":[{\"userId\":\"alice\",\"state\":\"STATE_OFFLINE\","
                                + "\"lastSeen\":\"2026-11-25T20:05:00Z\"},"
                                + "{\"userId\":\"zed\",\"state\":\"STATE_UNKNOWN\"}]}"),
                Arguments.of("typing", "{\"roomId\":\"" + ROOM_ID + "\"}",
                        MessageServiceGrpc.getTypingMethod(),
                        TypingRequest.newBuilder().setRoomId(ROOM_ID).build(),
                        TypingResponse.getDefaultInstance(),
                        "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    <R extends Message> void callsItsRpcAsTheSocketsUserAndAcksWithTheResponse(String event, String data,
            MethodDescriptor<?, R> method, Message expectedRequest, R response, String expectedData) throws Exception {
        String token = env.token(GatewayExtension.user("bob"));
        TestClient client = env.onlineWith(token);
        env.backend().respond(method, response);

        client.send(event, "r1", data);

        assertThat(client.nextText()).isEqualTo("{\"event\":\"ack\",\"id\":\"r1\",\"data\":" + expectedData + "}");
        TestBackend.ApiRequest call = env.backend().apiRequests.getLast();
        assertThat(call.method()).isEqualTo(method.getFullMethodName());
        assertThat(call.request()).isEqualTo(expectedRequest);
        assertThat(call.token()).isEqualTo(token);
    }

    @Test
    void mapsAnRpcErrorWithItsStatusMessageAndField() throws Exception {
        TestClient client = env.online(GatewayExtension.user("bob"));
        env.backend().failNextApiCall(Status.INVALID_ARGUMENT.withDescription("too many ids: 501 (at most 500)"), "ids");

        client.send("read", "r2", "{\"ids\":[\"" + ID_A + "\"]}");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"r2\",\"data\":{\"status\":"
                + "\"INVALID_ARGUMENT\",\"message\":\"too many ids: 501 (at most 500)\",\"field\":\"ids\"}}");
    }

    /** An instance naming a request field by its proto name: the client reads the JSON name it sent. */
    @Test
    void namesTheFieldAsTheClientWroteIt() throws Exception {
        TestClient client = env.online(GatewayExtension.user("bob"));
        env.backend().failNextApiCall(Status.NOT_FOUND.withDescription("room not found: " + ROOM_ID), "room_id");

        client.send("readRoom", "r7", "{\"roomId\":\"" + ROOM_ID + "\",\"messageId\":\"" + ID_A + "\"}");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"r7\",\"data\":{\"status\":"
                + "\"NOT_FOUND\",\"message\":\"room not found: " + ROOM_ID + "\",\"field\":\"roomId\"}}");
    }

    @Test
    void asksToRetryWhenTheRpcIsUnavailable() throws Exception {
        TestClient client = env.online(GatewayExtension.user("bob"));
        env.backend().failNextApiCall(Status.UNAVAILABLE.withDescription("database down"), null);

        client.send("inbox", "r3", "{}");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"r3\",\"data\":{\"status\":"
                + "\"UNAVAILABLE\",\"message\":\"message service unavailable, retry\"}}");
    }

    @Test
    void refusesEveryApiEventBeforeOnline() throws Exception {
        TestClient client = env.connect();
        int calls = env.backend().apiRequests.size();

        for (String event : List.of("sync", "inbox", "unread", "get", "read", "delete", "sent", "deleteSent", "recall",
                "createRoom", "getRoom", "updateRoom", "rooms", "publicRooms", "joinRoom", "leaveRoom", "addMembers",
                "removeMembers", "members", "deleteRoom", "readRoom", "roomMessages", "presence", "typing")) {
            client.send(event, event, "{}");

            assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"" + event + "\",\"data\":"
                    + "{\"status\":\"UNAUTHENTICATED\",\"message\":\"send online with a token first\"}}");
        }
        assertThat(env.backend().apiRequests).hasSize(calls);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void refusesABadRequestNamingTheFieldWithoutCallingTheRpc() throws Exception {
        TestClient client = env.online(GatewayExtension.user("bob"));
        int calls = env.backend().apiRequests.size();

        client.send("read", "r4", "{\"ids\":\"" + ID_A + "\"}");
        client.send("sync", "r5", "{\"after\":\"" + ID_A + "\",\"max\":5}");
        client.send("inbox", "r6", "{\"limit\":\"a\"}");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"r4\",\"data\":{\"status\":"
                + "\"INVALID_ARGUMENT\",\"message\":\"ids must be an array of strings\",\"field\":\"ids\"}}");
        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"r5\",\"data\":{\"status\":"
                + "\"INVALID_ARGUMENT\",\"message\":\"unknown field: max (expected: after, limit)\",\"field\":\"max\"}}");
        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"r6\",\"data\":{\"status\":"
                + "\"INVALID_ARGUMENT\",\"message\":\"limit must be a 32-bit integer\",\"field\":\"limit\"}}");
        assertThat(env.backend().apiRequests).hasSize(calls);
    }
}
