package dev.herald.message.stream;

import dev.herald.message.model.DirectoryUser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A change to stored messages, receipts or users, written through the stream like every write and applied by the
 * persistence-worker.
 */
public sealed interface StreamUpdate {

    /** A receiver read its messages. */
    record ReceiptsRead(String receiverId, List<UUID> messageIds, Instant readAt) implements StreamUpdate {
        public ReceiptsRead {
            messageIds = List.copyOf(messageIds);
        }
    }

    /** A receiver deleted messages from its own view. */
    record ReceiptsDeleted(String receiverId, List<UUID> messageIds, Instant deletedAt) implements StreamUpdate {
        public ReceiptsDeleted {
            messageIds = List.copyOf(messageIds);
        }
    }

    /** A sender deleted messages from its own view. */
    record SentDeleted(String senderId, List<UUID> messageIds, Instant deletedAt) implements StreamUpdate {
        public SentDeleted {
            messageIds = List.copyOf(messageIds);
        }
    }

    /** A sender deleted messages for everyone. */
    record MessagesRecalled(String senderId, List<UUID> messageIds, Instant recalledAt) implements StreamUpdate {
        public MessagesRecalled {
            messageIds = List.copyOf(messageIds);
        }
    }

    /** An admin deleted messages and their receipts for good. */
    record MessagesPurged(List<UUID> messageIds) implements StreamUpdate {
        public MessagesPurged {
            messageIds = List.copyOf(messageIds);
        }
    }

    /** An admin created or renamed users. */
    record UsersProvisioned(List<DirectoryUser> users, Instant provisionedAt) implements StreamUpdate {
        public UsersProvisioned {
            users = List.copyOf(users);
        }
    }

    /** A room was created; its creator is its first owner, the others its first members. */
    record RoomCreated(UUID roomId, String name, String topic, boolean isPublic, String creatorId, Instant createdAt,
            List<String> memberIds) implements StreamUpdate {
        public RoomCreated {
            memberIds = List.copyOf(memberIds);
        }
    }

    /** A room's name and/or topic changed (empty: unchanged). */
    record RoomUpdated(UUID roomId, Optional<String> name, Optional<String> topic, Instant updatedAt)
            implements StreamUpdate {}

    /** Users joined a room, or (with {@code owners}) were made its owners. */
    record RoomMembersAdded(UUID roomId, List<String> userIds, boolean owners, Instant addedAt)
            implements StreamUpdate {
        public RoomMembersAdded {
            userIds = List.copyOf(userIds);
        }
    }

    /** Users left a room or were removed from it. */
    record RoomMembersRemoved(UUID roomId, List<String> userIds, Instant removedAt) implements StreamUpdate {
        public RoomMembersRemoved {
            userIds = List.copyOf(userIds);
        }
    }

    /** A room and its messages were deleted. */
    record RoomDeleted(UUID roomId, Instant deletedAt) implements StreamUpdate {}

    /** An admin erased a user and everything of theirs (the worker leaves a tombstone). */
    record UserErased(String userId, Instant erasedAt) implements StreamUpdate {}

    /** A member read a room up to and including a message. */
    record RoomRead(UUID roomId, String userId, UUID messageId, Instant readAt) implements StreamUpdate {}
}
