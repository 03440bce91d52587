package dev.herald.message.api;

import dev.herald.config.ReplyBound;
import dev.herald.message.admin.Admin;
import dev.herald.message.admin.DeadLetters;
import dev.herald.message.auth.Callers;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.send.Announcer;
import dev.herald.message.room.RoomAdmin;
import dev.herald.message.wire.MessageProtos;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.AnnounceRequest;
import dev.herald.proto.v1.AnnounceResponse;
import dev.herald.proto.v1.AdminServiceGrpc;
import dev.herald.proto.v1.CountMessagesRequest;
import dev.herald.proto.v1.CountMessagesResponse;
import dev.herald.proto.v1.DeleteMessagesRequest;
import dev.herald.proto.v1.DeleteMessagesResponse;
import dev.herald.proto.v1.EraseUserRequest;
import dev.herald.proto.v1.EraseUserResponse;
import dev.herald.proto.v1.GetMessageRequest;
import dev.herald.proto.v1.GetMessageResponse;
import dev.herald.proto.v1.GetUserRequest;
import dev.herald.proto.v1.GetUserResponse;
import dev.herald.proto.v1.InspectRoomRequest;
import dev.herald.proto.v1.InspectRoomResponse;
import dev.herald.proto.v1.ListAllRoomsRequest;
import dev.herald.proto.v1.ListAllRoomsResponse;
import dev.herald.proto.v1.ListDeadLettersRequest;
import dev.herald.proto.v1.ListDeadLettersResponse;
import dev.herald.proto.v1.ListUsersRequest;
import dev.herald.proto.v1.ListUsersResponse;
import dev.herald.proto.v1.ProvisionUsersRequest;
import dev.herald.proto.v1.ProvisionUsersResponse;
import dev.herald.proto.v1.PurgeRoomRequest;
import dev.herald.proto.v1.PurgeRoomResponse;
import dev.herald.proto.v1.QueryMessagesRequest;
import dev.herald.proto.v1.QueryMessagesResponse;
import dev.herald.proto.v1.RetryDeadLettersRequest;
import dev.herald.proto.v1.RetryDeadLettersResponse;
import dev.herald.proto.v1.User;
import io.grpc.stub.StreamObserver;

/**
 * gRPC transport of {@code herald.v1.AdminService}: decode ({@link AdminMapper}), call {@link Admin} (or
 * {@link DeadLetters}), encode. The admin role is checked by AdminOnlyInterceptor.
 */
public final class AdminApi extends AdminServiceGrpc.AdminServiceImplBase {

    private final Admin admin;
    private final DeadLetters deadLetters;
    private final Announcer announcer;
    private final RoomAdmin rooms;
    private final Replies replies;
    private final ReplyBudget budget;

    public AdminApi(Admin admin, DeadLetters deadLetters, Announcer announcer, RoomAdmin rooms,
            StatusMapper statusMapper, ReplyBound replyBound) {
        this.admin = admin;
        this.deadLetters = deadLetters;
        this.announcer = announcer;
        this.rooms = rooms;
        this.replies = new Replies(statusMapper);
        this.budget = new ReplyBudget(replyBound);
    }

    @Override
    public void queryMessages(QueryMessagesRequest request, StreamObserver<QueryMessagesResponse> responses) {
        replies.now(responses, () -> AdminMapper.query(budget.fit(
                admin.query(AdminMapper.criteria(request.getFilter()), request.getBefore(), request.getLimit())
                        .map(MessageProtos::sent),
                OutboxMapper::cursor)));
    }

    @Override
    public void countMessages(CountMessagesRequest request, StreamObserver<CountMessagesResponse> responses) {
        replies.now(responses, () -> CountMessagesResponse.newBuilder()
                .setCount(admin.count(AdminMapper.criteria(request.getFilter()))).build());
    }

    @Override
    public void getMessage(GetMessageRequest request, StreamObserver<GetMessageResponse> responses) {
        replies.now(responses, () -> AdminMapper.details(admin.get(request.getId())));
    }

    @Override
    public void deleteMessages(DeleteMessagesRequest request, StreamObserver<DeleteMessagesResponse> responses) {
        replies.later(responses, () -> admin.delete(request.getIdsList()).thenApply(AdminMapper::deleted));
    }

    @Override
    public void provisionUsers(ProvisionUsersRequest request, StreamObserver<ProvisionUsersResponse> responses) {
        replies.later(responses, () -> admin.provision(AdminMapper.users(request.getUsersList()))
                .thenApply(upserted -> ProvisionUsersResponse.newBuilder().setUpserted(upserted).build()));
    }

    @Override
    public void listUsers(ListUsersRequest request, StreamObserver<ListUsersResponse> responses) {
        replies.now(responses, () -> AdminMapper.users(budget.fit(
                admin.listUsers(request.getAfter(), request.getLimit()).map(MessageProtos::user), User::getId)));
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> responses) {
        replies.now(responses, () -> GetUserResponse.newBuilder()
                .setUser(MessageProtos.user(admin.getUser(request.getId()))).build());
    }

    @Override
    public void listDeadLetters(ListDeadLettersRequest request, StreamObserver<ListDeadLettersResponse> responses) {
        replies.now(responses, () -> {
            DeadLetters.Listing listing = deadLetters.list(AdminMapper.order(request.getOrder()), request.getCursor(),
                    request.getLimit());
            return AdminMapper.deadLetters(budget.fit(listing.page().map(AdminMapper::deadLetter),
                    letter -> Long.toString(letter.getId())), listing.totalCount());
        });
    }

    @Override
    public void retryDeadLetters(RetryDeadLettersRequest request, StreamObserver<RetryDeadLettersResponse> responses) {
        replies.now(responses, () -> AdminMapper.retried(
                deadLetters.retry(request.getIdsList(), request.getStreamSequencesList())));
    }

    @Override
    public void announce(AnnounceRequest request, StreamObserver<AnnounceResponse> responses) {
        replies.later(responses, () -> announcer.announce(Callers.current(), new Announcer.AnnounceCommand(
                        request.getTitle(), request.getBody(), request.getType(), request.getClientId()))
                .thenApply(sent -> AnnounceResponse.newBuilder().setId(sent.id().toString())
                        .setCreatedAt(Timestamps.of(sent.createdAt())).setDuplicate(sent.duplicate()).build()));
    }

    @Override
    public void listAllRooms(ListAllRoomsRequest request, StreamObserver<ListAllRoomsResponse> responses) {
        replies.now(responses, () -> {
            var page = rooms.listAll(request.getNamePrefix(), request.getAfter(), request.getLimit());
            return ListAllRoomsResponse.newBuilder()
                    .addAllRooms(page.items().stream().map(RoomMapper::room).toList())
                    .setNextAfter(page.next().orElse("")).build();
        });
    }

    @Override
    public void inspectRoom(InspectRoomRequest request, StreamObserver<InspectRoomResponse> responses) {
        replies.now(responses, () -> RoomMapper.inspection(rooms.inspect(request.getRoomId())));
    }

    @Override
    public void eraseUser(EraseUserRequest request, StreamObserver<EraseUserResponse> responses) {
        replies.later(responses, () -> admin.erase(request.getUserId())
                .thenApply(erasedAt -> EraseUserResponse.newBuilder().setErasedAt(Timestamps.of(erasedAt)).build()));
    }

    @Override
    public void purgeRoom(PurgeRoomRequest request, StreamObserver<PurgeRoomResponse> responses) {
        replies.later(responses, () -> rooms.purge(request.getRoomId())
                .thenApply(purged -> PurgeRoomResponse.newBuilder().setPurgedMessages(purged).build()));
    }
}
