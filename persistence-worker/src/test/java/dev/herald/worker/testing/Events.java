package dev.herald.worker.testing;

import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.MessagesPurged;
import dev.herald.proto.v1.MessagesRecalled;
import dev.herald.proto.v1.ReceiptsDeleted;
import dev.herald.proto.v1.ReceiptsRead;
import dev.herald.proto.v1.SentDeleted;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.User;
import dev.herald.proto.v1.UserErased;
import dev.herald.proto.v1.UserSeen;
import dev.herald.proto.v1.UsersProvisioned;
import dev.herald.worker.decode.EventDecoder;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.decode.UndecodableEventException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    /** Message ids are strings, so tests can slip in ones that are not UUIDs. */
    public static StreamEvent receiptsRead(String receiverId, List<String> messageIds, Instant readAt) {
        return StreamEvent.newBuilder().setReceiptsRead(ReceiptsRead.newBuilder()
                .setReceiverId(receiverId).addAllMessageIds(messageIds).setReadAt(timestamp(readAt)))
                .build();
    }

    public static StreamEvent receiptsDeleted(String receiverId, List<String> messageIds, Instant deletedAt) {
        return StreamEvent.newBuilder().setReceiptsDeleted(ReceiptsDeleted.newBuilder()
                .setReceiverId(receiverId).addAllMessageIds(messageIds).setDeletedAt(timestamp(deletedAt)))
                .build();
    }

    public static StreamEvent sentDeleted(String senderId, List<String> messageIds, Instant deletedAt) {
        return StreamEvent.newBuilder().setSentDeleted(SentDeleted.newBuilder()
                .setSenderId(senderId).addAllMessageIds(messageIds).setDeletedAt(timestamp(deletedAt)))
                .build();
    }

    public static StreamEvent messagesRecalled(String senderId, List<String> messageIds, Instant recalledAt) {
        return StreamEvent.newBuilder().setMessagesRecalled(MessagesRecalled.newBuilder()
                .setSenderId(senderId).addAllMessageIds(messageIds).setRecalledAt(timestamp(recalledAt)))
                .build();
    }

    public static StreamEvent messagesPurged(List<String> messageIds) {
        return StreamEvent.newBuilder().setMessagesPurged(MessagesPurged.newBuilder().addAllMessageIds(messageIds))
                .build();
    }

    /** Users by id, with their names. */
    public static StreamEvent usersProvisioned(Map<String, String> names, Instant provisionedAt) {
        UsersProvisioned.Builder provisioned = UsersProvisioned.newBuilder().setProvisionedAt(timestamp(provisionedAt));
        names.forEach((id, name) -> provisioned.addUsers(User.newBuilder().setId(id).setName(name)));
        return StreamEvent.newBuilder().setUsersProvisioned(provisioned).build();
    }

    /** The ids as the stream carries them. */
    /** A message created at {@code createdAt} (an old one, for retention). */
    public static StreamEvent messageAt(UUID id, String senderId, List<String> receivers, Instant createdAt) {
        StreamEvent event = message(id, senderId, receivers);
        return event.toBuilder().setMessageCreated(event.getMessageCreated().toBuilder()
                .setCreatedAt(timestamp(createdAt))).build();
    }

    public static StreamEvent userErased(String userId, Instant erasedAt) {
        return StreamEvent.newBuilder().setUserErased(UserErased.newBuilder()
                .setUserId(userId).setErasedAt(timestamp(erasedAt))).build();
    }

    public static List<String> ids(UUID... ids) {
        return Arrays.stream(ids).map(UUID::toString).toList();
    }

    /** The event as the worker reads it at the given stream sequence. */
    public static SequencedEvent sequenced(long sequence, StreamEvent event) {
        try {
            return new SequencedEvent(sequence, EventDecoder.decode(event.toByteArray()));
        } catch (UndecodableEventException e) {
            throw new AssertionError(e);
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
