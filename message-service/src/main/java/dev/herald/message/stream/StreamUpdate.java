package dev.herald.message.stream;

import dev.herald.message.model.DirectoryUser;
import java.time.Instant;
import java.util.List;
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
}
