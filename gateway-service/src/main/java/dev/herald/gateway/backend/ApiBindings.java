package dev.herald.gateway.backend;

import dev.herald.proto.v1.AdminServiceGrpc;
import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OutboxServiceGrpc;
import dev.herald.proto.v1.RoomServiceGrpc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which client event calls which message-service RPC. One table instead of one code path per event: adding
 * an RPC to the protocol is one line here, its request and response reach the client as their JSON mapping.
 */
public final class ApiBindings {

    private final Map<String, RpcBinding<?, ?>> byEvent;

    private ApiBindings(List<RpcBinding<?, ?>> bindings) {
        Map<String, RpcBinding<?, ?>> table = new LinkedHashMap<>();
        for (RpcBinding<?, ?> binding : bindings) {
            if (table.putIfAbsent(binding.event(), binding) != null) {
                throw new IllegalArgumentException("event bound twice: " + binding.event());
            }
        }
        this.byEvent = Map.copyOf(table);
    }

    /**
     * Every API event of a signed-in socket: its inbox and outbox (InboxService, OutboxService), its rooms
     * (RoomService), presence and typing (MessageService), and administration (AdminService: the message-service
     * answers PERMISSION_DENIED unless the socket's token holds the admin role). A user's typing goes to the user's own instance,
     * which forwards at most one notice per conversation every 2 s; that holds only if it sees all of them.
     */
    public static ApiBindings all() {
        return new ApiBindings(List.of(
                new RpcBinding<>("sync", InboxServiceGrpc.getSyncMethod()),
                new RpcBinding<>("inbox", InboxServiceGrpc.getListReceivedMethod()),
                new RpcBinding<>("unread", InboxServiceGrpc.getCountUnreadMethod()),
                new RpcBinding<>("get", InboxServiceGrpc.getGetReceivedMethod()),
                new RpcBinding<>("read", InboxServiceGrpc.getMarkReadMethod()),
                new RpcBinding<>("delete", InboxServiceGrpc.getDeleteReceivedMethod()),
                new RpcBinding<>("sent", OutboxServiceGrpc.getListSentMethod()),
                new RpcBinding<>("deleteSent", OutboxServiceGrpc.getDeleteSentMethod()),
                new RpcBinding<>("recall", OutboxServiceGrpc.getRecallMethod()),
                new RpcBinding<>("createRoom", RoomServiceGrpc.getCreateRoomMethod()),
                new RpcBinding<>("getRoom", RoomServiceGrpc.getGetRoomMethod()),
                new RpcBinding<>("updateRoom", RoomServiceGrpc.getUpdateRoomMethod()),
                new RpcBinding<>("rooms", RoomServiceGrpc.getListMyRoomsMethod()),
                new RpcBinding<>("publicRooms", RoomServiceGrpc.getListPublicRoomsMethod()),
                new RpcBinding<>("joinRoom", RoomServiceGrpc.getJoinRoomMethod()),
                new RpcBinding<>("leaveRoom", RoomServiceGrpc.getLeaveRoomMethod()),
                new RpcBinding<>("addMembers", RoomServiceGrpc.getAddMembersMethod()),
                new RpcBinding<>("removeMembers", RoomServiceGrpc.getRemoveMembersMethod()),
                new RpcBinding<>("members", RoomServiceGrpc.getListMembersMethod()),
                new RpcBinding<>("deleteRoom", RoomServiceGrpc.getDeleteRoomMethod()),
                new RpcBinding<>("readRoom", RoomServiceGrpc.getReadRoomMethod()),
                new RpcBinding<>("roomMessages", RoomServiceGrpc.getListRoomMessagesMethod()),
                new RpcBinding<>("presence", MessageServiceGrpc.getGetPresenceMethod()),
                new RpcBinding<>("typing", MessageServiceGrpc.getTypingMethod(), RpcBinding.Routing.CALLERS_INSTANCE),
                new RpcBinding<>("adminQuery", AdminServiceGrpc.getQueryMessagesMethod()),
                new RpcBinding<>("adminCount", AdminServiceGrpc.getCountMessagesMethod()),
                new RpcBinding<>("adminGet", AdminServiceGrpc.getGetMessageMethod()),
                new RpcBinding<>("adminDelete", AdminServiceGrpc.getDeleteMessagesMethod()),
                new RpcBinding<>("adminAnnounce", AdminServiceGrpc.getAnnounceMethod()),
                new RpcBinding<>("adminRooms", AdminServiceGrpc.getListAllRoomsMethod()),
                new RpcBinding<>("adminInspectRoom", AdminServiceGrpc.getInspectRoomMethod()),
                new RpcBinding<>("adminPurgeRoom", AdminServiceGrpc.getPurgeRoomMethod())));
    }

    /** The bound event names. */
    public Set<String> events() {
        return byEvent.keySet();
    }

    public Optional<RpcBinding<?, ?>> find(String event) {
        return Optional.ofNullable(byEvent.get(event));
    }
}
