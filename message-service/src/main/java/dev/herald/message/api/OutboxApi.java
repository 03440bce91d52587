package dev.herald.message.api;

import dev.herald.config.ReplyBound;
import dev.herald.message.auth.Callers;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.outbox.Outbox;
import dev.herald.message.wire.MessageProtos;
import dev.herald.proto.v1.DeleteSentRequest;
import dev.herald.proto.v1.DeleteSentResponse;
import dev.herald.proto.v1.ListSentRequest;
import dev.herald.proto.v1.ListSentResponse;
import dev.herald.proto.v1.OutboxServiceGrpc;
import dev.herald.proto.v1.RecallRequest;
import dev.herald.proto.v1.RecallResponse;
import io.grpc.stub.StreamObserver;

/** gRPC transport of {@code herald.v1.OutboxService}, always for the token's user. */
public final class OutboxApi extends OutboxServiceGrpc.OutboxServiceImplBase {

    private final Outbox outbox;
    private final Replies replies;
    private final ReplyBudget budget;

    public OutboxApi(Outbox outbox, StatusMapper statusMapper, ReplyBound replyBound) {
        this.outbox = outbox;
        this.replies = new Replies(statusMapper);
        this.budget = new ReplyBudget(replyBound);
    }

    @Override
    public void listSent(ListSentRequest request, StreamObserver<ListSentResponse> responses) {
        replies.now(responses, () -> OutboxMapper.list(budget.fit(
                outbox.list(Callers.current().id(), request.getBefore(), request.getLimit()).map(MessageProtos::sent),
                OutboxMapper::cursor)));
    }

    @Override
    public void deleteSent(DeleteSentRequest request, StreamObserver<DeleteSentResponse> responses) {
        replies.later(responses, () -> outbox.delete(Callers.current().id(), request.getIdsList())
                .thenApply(OutboxMapper::deleted));
    }

    @Override
    public void recall(RecallRequest request, StreamObserver<RecallResponse> responses) {
        replies.later(responses, () -> outbox.recall(Callers.current().id(), request.getIdsList())
                .thenApply(OutboxMapper::recalled));
    }
}
