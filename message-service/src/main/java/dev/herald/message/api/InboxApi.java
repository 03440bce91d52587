package dev.herald.message.api;

import dev.herald.message.auth.Callers;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.inbox.Inbox;
import dev.herald.proto.v1.CountUnreadRequest;
import dev.herald.proto.v1.CountUnreadResponse;
import dev.herald.proto.v1.DeleteReceivedRequest;
import dev.herald.proto.v1.DeleteReceivedResponse;
import dev.herald.proto.v1.GetReceivedRequest;
import dev.herald.proto.v1.GetReceivedResponse;
import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.ListReceivedRequest;
import dev.herald.proto.v1.ListReceivedResponse;
import dev.herald.proto.v1.MarkReadRequest;
import dev.herald.proto.v1.MarkReadResponse;
import dev.herald.proto.v1.ReceivedMessage;
import dev.herald.proto.v1.SyncRequest;
import dev.herald.proto.v1.SyncResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** gRPC transport of {@code herald.v1.InboxService}, always for the token's user. */
public final class InboxApi extends InboxServiceGrpc.InboxServiceImplBase {

    private final Inbox inbox;
    private final Replies replies;

    public InboxApi(Inbox inbox, StatusMapper statusMapper) {
        this.inbox = inbox;
        this.replies = new Replies(statusMapper);
    }

    @Override
    public void sync(SyncRequest request, StreamObserver<SyncResponse> responses) {
        replies.now(responses, () -> inbox.sync(Callers.current().id(), request));
    }

    @Override
    public void listReceived(ListReceivedRequest request, StreamObserver<ListReceivedResponse> responses) {
        replies.now(responses, () -> inbox.list(Callers.current().id(), request));
    }

    @Override
    public void countUnread(CountUnreadRequest request, StreamObserver<CountUnreadResponse> responses) {
        replies.now(responses, () -> CountUnreadResponse.newBuilder()
                .setUnread(Math.toIntExact(inbox.countUnread(Callers.current().id()))).build());
    }

    @Override
    public void getReceived(GetReceivedRequest request, StreamObserver<GetReceivedResponse> responses) {
        String caller = Callers.current().id();
        replies.later(responses, () -> {
            ReceivedMessage message = inbox.get(caller, request.getId());
            if (!request.getMarkRead() || message.hasReadAt()) {
                return CompletableFuture.completedFuture(GetReceivedResponse.newBuilder().setMessage(message).build());
            }
            return inbox.markRead(caller, List.of(request.getId())).thenApply(marked ->
                    GetReceivedResponse.newBuilder()
                            .setMessage(message.toBuilder().setReadAt(marked.getReadAt())).build());
        });
    }

    @Override
    public void markRead(MarkReadRequest request, StreamObserver<MarkReadResponse> responses) {
        replies.later(responses, () -> inbox.markRead(Callers.current().id(), request.getIdsList()));
    }

    @Override
    public void deleteReceived(DeleteReceivedRequest request, StreamObserver<DeleteReceivedResponse> responses) {
        replies.later(responses, () -> inbox.delete(Callers.current().id(), request.getIdsList()));
    }
}
