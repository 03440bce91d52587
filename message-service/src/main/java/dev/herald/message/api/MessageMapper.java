package dev.herald.message.api;

import dev.herald.message.model.DirectoryUser;
import dev.herald.message.send.SendCommand;
import dev.herald.message.send.SendResult;
import dev.herald.message.wire.MessageProtos;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.OnlineResponse;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;

/** {@code herald.v1.MessageService} messages to and from the model of sending and going online. */
final class MessageMapper {

    private MessageMapper() {}

    static SendCommand command(SendRequest request) {
        return new SendCommand(request.getReceiversList(), request.getRoomId(), request.getTitle(), request.getBody(),
                request.getType(), request.getClientId(), request.getOriginSession());
    }

    static SendResponse sent(SendResult result) {
        return SendResponse.newBuilder()
                .setId(result.id().toString())
                .setCreatedAt(Timestamps.of(result.createdAt()))
                .setDuplicate(result.duplicate())
                .build();
    }

    static OnlineResponse online(DirectoryUser user, long unread) {
        return OnlineResponse.newBuilder().setUser(MessageProtos.user(user)).setUnreadCount(unread).build();
    }
}
