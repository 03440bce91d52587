package dev.herald.message.api;

import dev.herald.auth.VerifiedUser;
import dev.herald.message.auth.Callers;
import dev.herald.message.directory.UserRegistration;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.inbox.Inbox;
import dev.herald.message.presence.PresenceLookup;
import dev.herald.message.send.MessageSender;
import dev.herald.message.typing.TypingRelay;
import dev.herald.proto.v1.GetPresenceRequest;
import dev.herald.proto.v1.GetPresenceResponse;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OnlineRequest;
import dev.herald.proto.v1.OnlineResponse;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import dev.herald.proto.v1.TypingRequest;
import dev.herald.proto.v1.TypingResponse;
import io.grpc.stub.StreamObserver;

/** gRPC transport of {@code herald.v1.MessageService}: decode, call the feature, encode. */
public final class MessageApi extends MessageServiceGrpc.MessageServiceImplBase {

    private final UserRegistration registration;
    private final Inbox inbox;
    private final MessageSender sender;
    private final PresenceLookup presence;
    private final TypingRelay typing;
    private final Replies replies;

    public MessageApi(UserRegistration registration, Inbox inbox, MessageSender sender, PresenceLookup presence,
            TypingRelay typing, StatusMapper statusMapper) {
        this.registration = registration;
        this.inbox = inbox;
        this.sender = sender;
        this.presence = presence;
        this.typing = typing;
        this.replies = new Replies(statusMapper);
    }

    /**
     * Records the user and answers with its unread count. Both read PostgreSQL after one wait for earlier writes (in
     * the registration; done here, off NATS threads); a directory write, when one is needed, is acked while the count
     * runs.
     */
    @Override
    public void online(OnlineRequest request, StreamObserver<OnlineResponse> responses) {
        VerifiedUser caller = Callers.current();
        replies.later(responses, () -> {
            var recorded = registration.online(caller);
            long unread = inbox.countStoredUnread(caller.id());
            return recorded.thenApply(user -> MessageMapper.online(user, unread));
        });
    }

    @Override
    public void send(SendRequest request, StreamObserver<SendResponse> responses) {
        replies.later(responses, () -> sender.send(Callers.current(), MessageMapper.command(request))
                .thenApply(MessageMapper::sent));
    }

    @Override
    public void getPresence(GetPresenceRequest request, StreamObserver<GetPresenceResponse> responses) {
        String callerId = Callers.current().id();
        replies.now(responses, () -> PresenceMapper.response(
                presence.read(callerId, request.getUserIdsList(), request.getRoomId())));
    }

    @Override
    public void typing(TypingRequest request, StreamObserver<TypingResponse> responses) {
        String callerId = Callers.current().id();
        replies.now(responses, () -> {
            typing.typing(callerId, request.getTo(), request.getRoomId());
            return TypingResponse.getDefaultInstance();
        });
    }
}
