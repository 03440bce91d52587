package dev.herald.message.stream;

import dev.herald.message.model.DirectMessage;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.wire.MessageProtos;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.MessagesPurged;
import dev.herald.proto.v1.MessagesRecalled;
import dev.herald.proto.v1.ReceiptsDeleted;
import dev.herald.proto.v1.ReceiptsRead;
import dev.herald.proto.v1.RoomCreated;
import dev.herald.proto.v1.RoomDeleted;
import dev.herald.proto.v1.RoomMembersAdded;
import dev.herald.proto.v1.RoomMembersRemoved;
import dev.herald.proto.v1.RoomRead;
import dev.herald.proto.v1.RoomUpdated;
import dev.herald.proto.v1.SentDeleted;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.UserErased;
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
            case StreamUpdate.RoomCreated created -> event.setRoomCreated(RoomCreated.newBuilder()
                    .setRoomId(created.roomId().toString()).setName(created.name()).setTopic(created.topic())
                    .setPublic(created.isPublic()).setCreatorId(created.creatorId())
                    .setCreatedAt(Timestamps.of(created.createdAt())).addAllMemberIds(created.memberIds())).build();
            case StreamUpdate.RoomUpdated updated -> event.setRoomUpdated(roomUpdated(updated)).build();
            case StreamUpdate.RoomMembersAdded added -> event.setRoomMembersAdded(RoomMembersAdded.newBuilder()
                    .setRoomId(added.roomId().toString()).addAllUserIds(added.userIds()).setOwners(added.owners())
                    .setAddedAt(Timestamps.of(added.addedAt()))).build();
            case StreamUpdate.RoomMembersRemoved removed -> event.setRoomMembersRemoved(RoomMembersRemoved.newBuilder()
                    .setRoomId(removed.roomId().toString()).addAllUserIds(removed.userIds())
                    .setRemovedAt(Timestamps.of(removed.removedAt()))).build();
            case StreamUpdate.RoomDeleted deleted -> event.setRoomDeleted(RoomDeleted.newBuilder()
                    .setRoomId(deleted.roomId().toString()).setDeletedAt(Timestamps.of(deleted.deletedAt()))).build();
            case StreamUpdate.UserErased erased -> event.setUserErased(UserErased.newBuilder()
                    .setUserId(erased.userId()).setErasedAt(Timestamps.of(erased.erasedAt()))).build();
            case StreamUpdate.RoomRead read -> event.setRoomRead(RoomRead.newBuilder()
                    .setRoomId(read.roomId().toString()).setUserId(read.userId())
                    .setMessageId(read.messageId().toString()).setReadAt(Timestamps.of(read.readAt()))).build();
        };
    }

    private static RoomUpdated roomUpdated(StreamUpdate.RoomUpdated updated) {
        RoomUpdated.Builder event = RoomUpdated.newBuilder().setRoomId(updated.roomId().toString())
                .setUpdatedAt(Timestamps.of(updated.updatedAt()));
        updated.name().ifPresent(event::setName);
        updated.topic().ifPresent(event::setTopic);
        return event.build();
    }

    private static List<String> ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}
