package dev.herald.message.stream;

import dev.herald.message.model.DirectMessage;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.wire.MessageProtos;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.MessagesPurged;
import dev.herald.proto.v1.MessagesRecalled;
import dev.herald.proto.v1.ReceiptsDeleted;
import dev.herald.proto.v1.ReceiptsRead;
import dev.herald.proto.v1.SentDeleted;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.UserLastSeen;
import dev.herald.proto.v1.UserSeen;
import dev.herald.proto.v1.UsersProvisioned;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The protobuf form of what is written to the stream, as the persistence-worker reads it. */
final class StreamEvents {

    private StreamEvents() {}

    static StreamEvent created(DirectMessage message) {
        return StreamEvent.newBuilder().setMessageCreated(MessageProtos.message(message)).build();
    }

    static StreamEvent seen(DirectoryUser user, Instant seenAt) {
        return StreamEvent.newBuilder().setUserSeen(UserSeen.newBuilder()
                .setUser(MessageProtos.user(user)).setSeenAt(Timestamps.of(seenAt))).build();
    }

    static StreamEvent lastSeen(String userId, Instant lastSeenAt) {
        return StreamEvent.newBuilder().setUserLastSeen(UserLastSeen.newBuilder()
                .setUserId(userId).setLastSeenAt(Timestamps.of(lastSeenAt))).build();
    }

    static StreamEvent update(StreamUpdate update) {
        StreamEvent.Builder event = StreamEvent.newBuilder();
        return switch (update) {
            case StreamUpdate.ReceiptsRead read -> event.setReceiptsRead(ReceiptsRead.newBuilder()
                    .setReceiverId(read.receiverId()).addAllMessageIds(ids(read.messageIds()))
                    .setReadAt(Timestamps.of(read.readAt()))).build();
            case StreamUpdate.ReceiptsDeleted deleted -> event.setReceiptsDeleted(ReceiptsDeleted.newBuilder()
                    .setReceiverId(deleted.receiverId()).addAllMessageIds(ids(deleted.messageIds()))
                    .setDeletedAt(Timestamps.of(deleted.deletedAt()))).build();
            case StreamUpdate.SentDeleted deleted -> event.setSentDeleted(SentDeleted.newBuilder()
                    .setSenderId(deleted.senderId()).addAllMessageIds(ids(deleted.messageIds()))
                    .setDeletedAt(Timestamps.of(deleted.deletedAt()))).build();
            case StreamUpdate.MessagesRecalled recalled -> event.setMessagesRecalled(MessagesRecalled.newBuilder()
                    .setSenderId(recalled.senderId()).addAllMessageIds(ids(recalled.messageIds()))
                    .setRecalledAt(Timestamps.of(recalled.recalledAt()))).build();
            case StreamUpdate.MessagesPurged purged -> event.setMessagesPurged(MessagesPurged.newBuilder()
                    .addAllMessageIds(ids(purged.messageIds()))).build();
            case StreamUpdate.UsersProvisioned provisioned -> event.setUsersProvisioned(UsersProvisioned.newBuilder()
                    .addAllUsers(provisioned.users().stream().map(MessageProtos::user).toList())
                    .setProvisionedAt(Timestamps.of(provisioned.provisionedAt()))).build();
        };
    }

    private static List<String> ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}
