package dev.herald.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.proto.v1.CountUnreadRequest;
import dev.herald.proto.v1.CreateRoomRequest;
import dev.herald.proto.v1.DeleteReceivedRequest;
import dev.herald.proto.v1.DeleteSentRequest;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.GetPresenceRequest;
import dev.herald.proto.v1.GetReceivedRequest;
import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.ListReceivedRequest;
import dev.herald.proto.v1.ListSentRequest;
import dev.herald.proto.v1.MarkReadRequest;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OutboxServiceGrpc;
import dev.herald.proto.v1.ReadRoomRequest;
import dev.herald.proto.v1.RecallRequest;
import dev.herald.proto.v1.RoomServiceGrpc;
import dev.herald.proto.v1.SyncRequest;
import dev.herald.proto.v1.TypingRequest;
import io.grpc.MethodDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiBindingsTest {

    private final ApiBindings bindings = ApiBindings.all();

    @ParameterizedTest
    @CsvSource({
            "sync,       herald.v1.InboxService/Sync",
            "inbox,      herald.v1.InboxService/ListReceived",
            "unread,     herald.v1.InboxService/CountUnread",
            "get,        herald.v1.InboxService/GetReceived",
            "read,       herald.v1.InboxService/MarkRead",
            "delete,     herald.v1.InboxService/DeleteReceived",
            "sent,       herald.v1.OutboxService/ListSent",
            "deleteSent, herald.v1.OutboxService/DeleteSent",
            "recall,     herald.v1.OutboxService/Recall",
            "createRoom,    herald.v1.RoomService/CreateRoom",
            "getRoom,       herald.v1.RoomService/GetRoom",
            "updateRoom,    herald.v1.RoomService/UpdateRoom",
            "rooms,         herald.v1.RoomService/ListMyRooms",
            "publicRooms,   herald.v1.RoomService/ListPublicRooms",
            "joinRoom,      herald.v1.RoomService/JoinRoom",
            "leaveRoom,     herald.v1.RoomService/LeaveRoom",
            "addMembers,    herald.v1.RoomService/AddMembers",
            "removeMembers, herald.v1.RoomService/RemoveMembers",
            "members,       herald.v1.RoomService/ListMembers",
            "deleteRoom,    herald.v1.RoomService/DeleteRoom",
            "readRoom,      herald.v1.RoomService/ReadRoom",
            "roomMessages,  herald.v1.RoomService/ListRoomMessages",
            "presence,      herald.v1.MessageService/GetPresence",
            "typing,        herald.v1.MessageService/Typing",
            "adminQuery,       herald.v1.AdminService/QueryMessages",
            "adminCount,       herald.v1.AdminService/CountMessages",
            "adminGet,         herald.v1.AdminService/GetMessage",
            "adminDelete,      herald.v1.AdminService/DeleteMessages",
            "adminAnnounce,    herald.v1.AdminService/Announce",
            "adminRooms,       herald.v1.AdminService/ListAllRooms",
            "adminInspectRoom, herald.v1.AdminService/InspectRoom",
            "adminPurgeRoom,   herald.v1.AdminService/PurgeRoom"})
    void bindsEachEventToItsRpc(String event, String method) {
        assertThat(bindings.find(event)).map(binding -> binding.method().getFullMethodName()).hasValue(method);
    }

    @Test
    void bindsTheGeneratedMethodsAndTheirRequestTypes() {
        assertBound("sync", InboxServiceGrpc.getSyncMethod(), SyncRequest.getDefaultInstance());
        assertBound("inbox", InboxServiceGrpc.getListReceivedMethod(), ListReceivedRequest.getDefaultInstance());
        assertBound("unread", InboxServiceGrpc.getCountUnreadMethod(), CountUnreadRequest.getDefaultInstance());
        assertBound("get", InboxServiceGrpc.getGetReceivedMethod(), GetReceivedRequest.getDefaultInstance());
        assertBound("read", InboxServiceGrpc.getMarkReadMethod(), MarkReadRequest.getDefaultInstance());
        assertBound("delete", InboxServiceGrpc.getDeleteReceivedMethod(), DeleteReceivedRequest.getDefaultInstance());
        assertBound("sent", OutboxServiceGrpc.getListSentMethod(), ListSentRequest.getDefaultInstance());
        assertBound("deleteSent", OutboxServiceGrpc.getDeleteSentMethod(), DeleteSentRequest.getDefaultInstance());
        assertBound("recall", OutboxServiceGrpc.getRecallMethod(), RecallRequest.getDefaultInstance());
        assertBound("createRoom", RoomServiceGrpc.getCreateRoomMethod(), CreateRoomRequest.getDefaultInstance());
        assertBound("readRoom", RoomServiceGrpc.getReadRoomMethod(), ReadRoomRequest.getDefaultInstance());
        assertBound("presence", MessageServiceGrpc.getGetPresenceMethod(), GetPresenceRequest.getDefaultInstance());
        assertBound("typing", MessageServiceGrpc.getTypingMethod(), TypingRequest.getDefaultInstance());
    }

    @Test
    void sendsTypingToTheCallersInstanceAndSpreadsEverythingElse() {
        assertThat(bindings.events()).allSatisfy(event -> assertThat(bindings.find(event).orElseThrow().routing())
                .as(event).isEqualTo(event.equals("typing")
                        ? RpcBinding.Routing.CALLERS_INSTANCE : RpcBinding.Routing.SPREAD));
    }

    @Test
    void bindsNothingElse() {
        assertThat(bindings.events()).containsExactlyInAnyOrder(
                "sync", "inbox", "unread", "get", "read", "delete", "sent", "deleteSent", "recall",
                "createRoom", "getRoom", "updateRoom", "rooms", "publicRooms", "joinRoom", "leaveRoom", "addMembers",
                "removeMembers", "members", "deleteRoom", "readRoom", "roomMessages", "presence", "typing",
                "adminQuery", "adminCount", "adminGet", "adminDelete", "adminAnnounce", "adminRooms",
                "adminInspectRoom", "adminPurgeRoom");
        assertThat(bindings.find("message")).isEmpty();
        assertThat(bindings.find("online")).isEmpty();
    }

    @Test
    void refusesStreamingRpcs() {
        assertThatThrownBy(() -> new RpcBinding<>("link", GatewayLinkServiceGrpc.getLinkMethod()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("method: herald.v1.GatewayLinkService/Link (expected: unary)");
    }

    private void assertBound(String event, MethodDescriptor<?, ?> method, Object requestPrototype) {
        RpcBinding<?, ?> binding = bindings.find(event).orElseThrow();
        assertThat(binding.method()).isSameAs(method);
        assertThat(binding.requestPrototype()).isSameAs(requestPrototype);
    }
}
