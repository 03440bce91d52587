package dev.herald.worker.testing;

import static dev.herald.worker.testing.Events.timestamp;

import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.RoomCreated;
import dev.herald.proto.v1.RoomDeleted;
import dev.herald.proto.v1.RoomMembersAdded;
import dev.herald.proto.v1.RoomMembersRemoved;
import dev.herald.proto.v1.RoomRead;
import dev.herald.proto.v1.RoomUpdated;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.User;
import dev.herald.proto.v1.UserLastSeen;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Room events, room messages, announcements and last-seen times as the message-service writes them. */
public final class RoomEvents {

    private RoomEvents() {}

    public static StreamEvent roomCreated(UUID roomId, String creatorId, List<String> memberIds, Instant at) {
        return StreamEvent.newBuilder().setRoomCreated(RoomCreated.newBuilder()
                .setRoomId(roomId.toString()).setName("room " + roomId).setTopic("a topic").setPublic(true)
                .setCreatorId(creatorId).addAllMemberIds(memberIds).setCreatedAt(timestamp(at)))
                .build();
    }

    public static StreamEvent roomUpdated(UUID roomId, @Nullable String name, @Nullable String topic, Instant at) {
        RoomUpdated.Builder updated = RoomUpdated.newBuilder().setRoomId(roomId.toString()).setUpdatedAt(timestamp(at));
        if (name != null) {
            updated.setName(name);
        }
        if (topic != null) {
            updated.setTopic(topic);
        }
        return StreamEvent.newBuilder().setRoomUpdated(updated).build();
    }

    public static StreamEvent membersAdded(UUID roomId, List<String> userIds, boolean owners, Instant at) {
        return StreamEvent.newBuilder().setRoomMembersAdded(RoomMembersAdded.newBuilder()
                .setRoomId(roomId.toString()).addAllUserIds(userIds).setOwners(owners).setAddedAt(timestamp(at)))
                .build();
    }

    public static StreamEvent membersRemoved(UUID roomId, List<String> userIds, Instant at) {
        return StreamEvent.newBuilder().setRoomMembersRemoved(RoomMembersRemoved.newBuilder()
                .setRoomId(roomId.toString()).addAllUserIds(userIds).setRemovedAt(timestamp(at)))
                .build();
    }

    public static StreamEvent roomDeleted(UUID roomId, Instant at) {
        return StreamEvent.newBuilder().setRoomDeleted(RoomDeleted.newBuilder()
                .setRoomId(roomId.toString()).setDeletedAt(timestamp(at)))
                .build();
    }

    public static StreamEvent roomRead(UUID roomId, String userId, UUID messageId, Instant at) {
        return StreamEvent.newBuilder().setRoomRead(RoomRead.newBuilder()
                .setRoomId(roomId.toString()).setUserId(userId).setMessageId(messageId.toString())
                .setReadAt(timestamp(at)))
                .build();
    }

    public static StreamEvent lastSeen(String userId, Instant at) {
        return StreamEvent.newBuilder().setUserLastSeen(UserLastSeen.newBuilder()
                .setUserId(userId).setLastSeenAt(timestamp(at)))
                .build();
    }

    public static StreamEvent roomMessage(UUID id, String senderId, UUID roomId) {
        return StreamEvent.newBuilder().setMessageCreated(message(id, senderId).setRoomId(roomId.toString()))
                .build();
    }

    public static StreamEvent announcement(UUID id, String senderId) {
        return StreamEvent.newBuilder().setMessageCreated(message(id, senderId).setAnnouncement(true)).build();
    }

    private static Message.Builder message(UUID id, String senderId) {
        return Message.newBuilder()
                .setId(id.toString())
                .setSender(User.newBuilder().setId(senderId).setName(senderId.toUpperCase()))
                .setTitle("title " + id)
                .setBody("body of " + id)
                .setType("text")
                .setCreatedAt(timestamp(Instant.now()));
    }
}
