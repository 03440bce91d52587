package dev.herald.worker.decode;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One validated write read from the stream: rows to insert or upsert ({@link NewMessage},
 * {@link SeenUser}, {@link ProvisionedUsers}), or an {@link Update} of rows stored before.
 */
public sealed interface Event permits Event.NewMessage, Event.SeenUser, Event.ProvisionedUsers, Event.Update {

    /** A direct message was accepted: store it with one receipt per receiver. */
    record NewMessage(
            UUID id,
            String senderId,
            String senderName,
            List<String> receivers,
            String title,
            String body,
            String type,
            @Nullable String clientId,
            OffsetDateTime createdAt) implements Event {

        public NewMessage {
            requireNonNull(id, "id");
            requireNonNull(senderId, "senderId");
            requireNonNull(senderName, "senderName");
            receivers = List.copyOf(receivers);
            requireNonNull(title, "title");
            requireNonNull(body, "body");
            requireNonNull(type, "type");
            requireNonNull(createdAt, "createdAt");
        }
    }

    /** A user went online: create its directory entry or refresh its name. */
    record SeenUser(String id, String name, OffsetDateTime seenAt) implements Event {

        public SeenUser {
            requireNonNull(id, "id");
            requireNonNull(name, "name");
            requireNonNull(seenAt, "seenAt");
        }
    }

    /** An admin created or renamed users: stored like a sighting of each at {@code provisionedAt}. */
    record ProvisionedUsers(List<NamedUser> users, OffsetDateTime provisionedAt) implements Event {

        public ProvisionedUsers {
            users = List.copyOf(users);
            requireNonNull(provisionedAt, "provisionedAt");
        }
    }

    /** A user's id and display name. */
    record NamedUser(String id, String name) {

        public NamedUser {
            requireNonNull(id, "id");
            requireNonNull(name, "name");
        }
    }

    /**
     * A change to messages or receipts stored earlier. Updates are applied after a batch's inserts,
     * in stream order; each leaves rows already changed as they are, so applying it twice is harmless.
     */
    sealed interface Update extends Event
            permits ReadReceipts, DeletedReceipts, DeletedSentMessages, RecalledMessages, PurgedMessages {}

    /** A receiver marked messages read; an earlier read time is kept. */
    record ReadReceipts(String receiverId, List<UUID> messageIds, OffsetDateTime readAt) implements Update {

        public ReadReceipts {
            requireNonNull(receiverId, "receiverId");
            messageIds = List.copyOf(messageIds);
            requireNonNull(readAt, "readAt");
        }
    }

    /** A receiver deleted messages from its own view. */
    record DeletedReceipts(String receiverId, List<UUID> messageIds, OffsetDateTime deletedAt) implements Update {

        public DeletedReceipts {
            requireNonNull(receiverId, "receiverId");
            messageIds = List.copyOf(messageIds);
            requireNonNull(deletedAt, "deletedAt");
        }
    }

    /** A sender deleted messages from its own view; receivers keep them. */
    record DeletedSentMessages(String senderId, List<UUID> messageIds, OffsetDateTime deletedAt) implements Update {

        public DeletedSentMessages {
            requireNonNull(senderId, "senderId");
            messageIds = List.copyOf(messageIds);
            requireNonNull(deletedAt, "deletedAt");
        }
    }

    /** A sender recalled messages: hidden from every receiver. Only the sender's own messages change. */
    record RecalledMessages(String senderId, List<UUID> messageIds, OffsetDateTime recalledAt) implements Update {

        public RecalledMessages {
            requireNonNull(senderId, "senderId");
            messageIds = List.copyOf(messageIds);
            requireNonNull(recalledAt, "recalledAt");
        }
    }

    /** An admin deleted messages and their receipts for good. */
    record PurgedMessages(List<UUID> messageIds) implements Update {

        public PurgedMessages {
            messageIds = List.copyOf(messageIds);
        }
    }
}
