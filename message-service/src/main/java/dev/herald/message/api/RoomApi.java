package dev.herald.message.api;

import dev.herald.config.ReplyBound;
import dev.herald.message.auth.Callers;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.room.MyRoom;
import dev.herald.message.room.RoomHistory;
import dev.herald.message.room.RoomMembers;
import dev.herald.message.room.Rooms;
import dev.herald.proto.v1.AddMembersRequest;
import dev.herald.proto.v1.AddMembersResponse;
import dev.herald.proto.v1.CreateRoomRequest;
import dev.herald.proto.v1.CreateRoomResponse;
import dev.herald.proto.v1.DeleteRoomRequest;
import dev.herald.proto.v1.DeleteRoomResponse;
import dev.herald.proto.v1.GetRoomRequest;
import dev.herald.proto.v1.GetRoomResponse;
import dev.herald.proto.v1.JoinRoomRequest;
import dev.herald.proto.v1.JoinRoomResponse;
import dev.herald.proto.v1.LeaveRoomRequest;
import dev.herald.proto.v1.LeaveRoomResponse;
import dev.herald.proto.v1.ListMembersRequest;
import dev.herald.proto.v1.ListMembersResponse;
import dev.herald.proto.v1.ListMyRoomsRequest;
import dev.herald.proto.v1.ListMyRoomsResponse;
import dev.herald.proto.v1.ListPublicRoomsRequest;
import dev.herald.proto.v1.ListPublicRoomsResponse;
import dev.herald.proto.v1.ListRoomMessagesRequest;
import dev.herald.proto.v1.ListRoomMessagesResponse;
import dev.herald.proto.v1.ReadRoomRequest;
import dev.herald.proto.v1.ReadRoomResponse;
import dev.herald.proto.v1.RemoveMembersRequest;
import dev.herald.proto.v1.RemoveMembersResponse;
import dev.herald.proto.v1.RoomServiceGrpc;
import dev.herald.proto.v1.UpdateRoomRequest;
import dev.herald.proto.v1.UpdateRoomResponse;
import io.grpc.stub.StreamObserver;
import java.util.Optional;

/** gRPC transport of {@code herald.v1.RoomService}, always for the token's user: decode, call the rooms, encode. */
public final class RoomApi extends RoomServiceGrpc.RoomServiceImplBase {

    private final Rooms rooms;
    private final RoomMembers members;
    private final RoomHistory history;
    private final Replies replies;
    private final ReplyBudget budget;

    public RoomApi(Rooms rooms, RoomMembers members, RoomHistory history, StatusMapper statusMapper,
            ReplyBound replyBound) {
        this.rooms = rooms;
        this.members = members;
        this.history = history;
        this.replies = new Replies(statusMapper);
        this.budget = new ReplyBudget(replyBound);
    }

    @Override
    public void createRoom(CreateRoomRequest request, StreamObserver<CreateRoomResponse> responses) {
        replies.later(responses, () -> rooms.create(Callers.current().id(), RoomMapper.newRoom(request))
                .thenApply(room -> CreateRoomResponse.newBuilder().setRoom(RoomMapper.room(room)).build()));
    }

    @Override
    public void getRoom(GetRoomRequest request, StreamObserver<GetRoomResponse> responses) {
        replies.now(responses, () -> GetRoomResponse.newBuilder()
                .setRoom(RoomMapper.room(rooms.get(Callers.current().id(), request.getRoomId()))).build());
    }

    @Override
    public void updateRoom(UpdateRoomRequest request, StreamObserver<UpdateRoomResponse> responses) {
        Optional<String> name = request.hasName() ? Optional.of(request.getName()) : Optional.empty();
        Optional<String> topic = request.hasTopic() ? Optional.of(request.getTopic()) : Optional.empty();
        replies.later(responses, () -> rooms.update(Callers.current().id(), request.getRoomId(), name, topic)
                .thenApply(room -> UpdateRoomResponse.newBuilder().setRoom(RoomMapper.room(room)).build()));
    }

    @Override
    public void listMyRooms(ListMyRoomsRequest request, StreamObserver<ListMyRoomsResponse> responses) {
        replies.now(responses, () -> RoomMapper.myRooms(budget.fit(
                history.listMine(Callers.current().id(), request.getBefore(), request.getLimit()),
                RoomMapper::myRoom, MyRoom::cursor).map(RoomMapper::myRoom)));
    }

    @Override
    public void listPublicRooms(ListPublicRoomsRequest request, StreamObserver<ListPublicRoomsResponse> responses) {
        replies.now(responses, () -> {
            var page = rooms.listPublic(request.getNamePrefix(), request.getAfter(), request.getLimit());
            return ListPublicRoomsResponse.newBuilder()
                    .addAllRooms(page.items().stream().map(RoomMapper::room).toList())
                    .setNextAfter(page.next().orElse("")).build();
        });
    }

    @Override
    public void joinRoom(JoinRoomRequest request, StreamObserver<JoinRoomResponse> responses) {
        replies.later(responses, () -> members.join(Callers.current().id(), request.getRoomId())
                .thenApply(room -> JoinRoomResponse.newBuilder().setRoom(RoomMapper.room(room)).build()));
    }

    @Override
    public void leaveRoom(LeaveRoomRequest request, StreamObserver<LeaveRoomResponse> responses) {
        replies.later(responses, () -> members.leave(Callers.current().id(), request.getRoomId())
                .thenApply(done -> LeaveRoomResponse.getDefaultInstance()));
    }

    @Override
    public void addMembers(AddMembersRequest request, StreamObserver<AddMembersResponse> responses) {
        replies.later(responses, () -> members.add(Callers.current().id(), request.getRoomId(),
                request.getUserIdsList(), request.getOwners()).thenApply(RoomMapper::added));
    }

    @Override
    public void removeMembers(RemoveMembersRequest request, StreamObserver<RemoveMembersResponse> responses) {
        replies.later(responses, () -> members.remove(Callers.current().id(), request.getRoomId(),
                request.getUserIdsList()).thenApply(RoomMapper::removed));
    }

    @Override
    public void listMembers(ListMembersRequest request, StreamObserver<ListMembersResponse> responses) {
        replies.now(responses, () -> RoomMapper.members(budget.fit(
                members.list(Callers.current().id(), request.getRoomId(), request.getAfter(), request.getLimit())
                        .map(RoomMapper::member),
                member -> member.getUser().getId())));
    }

    @Override
    public void deleteRoom(DeleteRoomRequest request, StreamObserver<DeleteRoomResponse> responses) {
        replies.later(responses, () -> rooms.delete(Callers.current().id(), request.getRoomId())
                .thenApply(done -> DeleteRoomResponse.getDefaultInstance()));
    }

    @Override
    public void readRoom(ReadRoomRequest request, StreamObserver<ReadRoomResponse> responses) {
        replies.later(responses, () -> history.read(Callers.current().id(), request.getRoomId(),
                request.getMessageId()).thenApply(RoomMapper::read));
    }

    @Override
    public void listRoomMessages(ListRoomMessagesRequest request,
            StreamObserver<ListRoomMessagesResponse> responses) {
        replies.now(responses, () -> RoomMapper.messages(budget.fit(RoomMapper.received(
                history.messages(Callers.current().id(), request.getRoomId(), request.getBefore(),
                        request.getLimit())), RoomMapper::cursor)));
    }
}
