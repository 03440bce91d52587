package dev.herald.worker.testing;

import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.User;
import dev.herald.proto.v1.UserSeen;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Stream events as the message-service writes them. */
public final class Events {

    private Events() {}

    public static StreamEvent message(UUID id, String senderId, List<String> receivers, String clientId) {
        return StreamEvent.newBuilder().setMessageCreated(Message.newBuilder()
                .setId(id.toString())
                .setSender(User.newBuilder().setId(senderId).setName(senderId.toUpperCase()))
                .addAllReceivers(receivers)
                .setTitle("title " + id)
                .setBody("body of " + id)
                .setType("text")
                .setCreatedAt(timestamp(Instant.now()))
                .setClientId(clientId))
                .build();
    }

    public static StreamEvent message(UUID id, String senderId, List<String> receivers) {
        return message(id, senderId, receivers, "");
    }

    public static StreamEvent userSeen(String id, String name, Instant seenAt) {
        return StreamEvent.newBuilder().setUserSeen(UserSeen.newBuilder()
                .setUser(User.newBuilder().setId(id).setName(name))
                .setSeenAt(timestamp(seenAt)))
                .build();
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
