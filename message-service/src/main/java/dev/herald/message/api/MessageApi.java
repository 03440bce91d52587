package dev.herald.message.api;

import dev.herald.message.auth.Callers;
import dev.herald.message.directory.UserRegistration;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.send.MessageSender;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OnlineRequest;
import dev.herald.proto.v1.OnlineResponse;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** gRPC transport of {@code herald.v1.MessageService}: decode, call the feature, encode. */
public final class MessageApi extends MessageServiceGrpc.MessageServiceImplBase {

    private final UserRegistration registration;
    private final MessageSender sender;
    private final StatusMapper statusMapper;

    public MessageApi(UserRegistration registration, MessageSender sender, StatusMapper statusMapper) {
        this.registration = registration;
        this.sender = sender;
        this.statusMapper = statusMapper;
    }

    @Override
    public void online(OnlineRequest request, StreamObserver<OnlineResponse> responses) {
        reply(responses, () -> registration.online(Callers.current())
                .thenApply(user -> OnlineResponse.newBuilder().setUser(user).build()));
    }

    @Override
    public void send(SendRequest request, StreamObserver<SendResponse> responses) {
        reply(responses, () -> sender.send(Callers.current(), request));
    }

    private <T> void reply(StreamObserver<T> responses, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            responses.onError(statusMapper.toStatus(e));
            return;
        }
        result.whenComplete((value, failure) -> {
            if (failure != null) {
                responses.onError(statusMapper.toStatus(failure));
            } else {
                responses.onNext(value);
                responses.onCompleted();
            }
        });
    }
}
