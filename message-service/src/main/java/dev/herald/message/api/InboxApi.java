package dev.herald.message.api;

import dev.herald.config.ReplyBound;
import dev.herald.message.api.InboxMapper.SyncedMessage;
import dev.herald.message.auth.Callers;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.inbox.Inbox;
import dev.herald.message.inbox.InboxEntry;
import dev.herald.message.inbox.SyncPage;
import dev.herald.message.page.Page;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** gRPC transport of {@code herald.v1.InboxService}, always for the token's user: decode, call {@link Inbox}, encode. */
public final class InboxApi extends InboxServiceGrpc.InboxServiceImplBase {

    private final Inbox inbox;
    private final Replies replies;
    private final ReplyBudget budget;

    public InboxApi(Inbox inbox, StatusMapper statusMapper, ReplyBound replyBound) {
        this.inbox = inbox;
        this.replies = new Replies(statusMapper);
        this.budget = new ReplyBudget(replyBound);
    }

    @Override
    public void sync(SyncRequest request, StreamObserver<SyncResponse> responses) {
        replies.now(responses, () -> {
            SyncPage synced = inbox.sync(Callers.current().id(), request.getAfter(), request.getLimit());
            Page<SyncedMessage> page = budget.fit(synced.page().map(InboxMapper::synced), SyncedMessage::message,
                    SyncedMessage::cursor);
            return InboxMapper.sync(page, synced.from());
        });
    }

    @Override
    public void listReceived(ListReceivedRequest request, StreamObserver<ListReceivedResponse> responses) {
        replies.now(responses, () -> InboxMapper.list(fit(inbox.list(
                Callers.current().id(), InboxMapper.filter(request), request.getBefore(), request.getLimit()))));
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
            InboxEntry entry = inbox.get(caller, request.getId());
            if (!request.getMarkRead() || entry.readAt().isPresent()) {
                return CompletableFuture.completedFuture(answer(entry));
            }
            return inbox.markRead(caller, List.of(request.getId())).thenApply(marked ->
                    answer(new InboxEntry(entry.message(), Optional.of(marked.readAt()))));
        });
    }

    @Override
    public void markRead(MarkReadRequest request, StreamObserver<MarkReadResponse> responses) {
        replies.later(responses, () -> inbox.markRead(Callers.current().id(), request.getIdsList())
                .thenApply(InboxMapper::markRead));
    }

    @Override
    public void deleteReceived(DeleteReceivedRequest request, StreamObserver<DeleteReceivedResponse> responses) {
        replies.later(responses, () -> inbox.delete(Callers.current().id(), request.getIdsList())
                .thenApply(InboxMapper::deleted));
    }

    private Page<ReceivedMessage> fit(Page<InboxEntry> page) {
        return budget.fit(page.map(InboxMapper::received), InboxMapper::cursor);
    }

    private static GetReceivedResponse answer(InboxEntry entry) {
        return GetReceivedResponse.newBuilder().setMessage(InboxMapper.received(entry)).build();
    }
}
