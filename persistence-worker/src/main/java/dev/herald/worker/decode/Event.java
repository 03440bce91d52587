package dev.herald.worker.decode;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One validated write read from the stream: rows to insert or upsert ({@link NewMessage},
 * {@link SeenUser}, {@link ProvisionedUsers}, {@link RoomCreated}, {@link LastSeen}), or an {@link Update} of rows
 * stored before.
 */
public sealed interface Event
        permits Event.NewMessage, Event.SeenUser, Event.ProvisionedUsers, Event.RoomCreated, Event.LastSeen,
                Event.Update {

    /**
     * A message was accepted: a direct message, stored with one receipt per receiver, or a room message
     * ({@code roomId} set) or an announcement, stored alone (no receivers).
     */
    record NewMessage(
            UUID id,
            String senderId,
            String senderName,
            List<String> receivers,
            String title,
            String body,
            String type,
            @Nullable String clientId,
            OffsetDateTime createdAt,
            @Nullable UUID roomId,
            boolean announcement) implements Event {

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

        /** A direct message. */
        public NewMessage(UUID id, String senderId, String senderName, List<String> receivers, String title,
                String body, String type, @Nullable String clientId, OffsetDateTime createdAt) {
            this(id, senderId, senderName, receivers, title, body, type, clientId, createdAt, null, false);
        }
    }

    /**
     * A room was created: its row, its creator as owner and its other members, all joined at the event's
     * sequence. {@code memberIds} holds each member once and not the creator.
     */
    record RoomCreated(UUID roomId, String name, String topic, boolean isPublic, String creatorId,
            OffsetDateTime createdAt, List<String> memberIds) implements Event {

        public RoomCreated {
            requireNonNull(roomId, "roomId");
            requireNonNull(name, "name");
            requireNonNull(topic, "topic");
            requireNonNull(creatorId, "creatorId");
            requireNonNull(createdAt, "createdAt");
            memberIds = List.copyOf(memberIds);
        }
    }

    /** A user's last socket closed; a later time wins, whatever the order. */
    record LastSeen(String userId, OffsetDateTime lastSeenAt) implements Event {

        public LastSeen {
            requireNonNull(userId, "userId");
            requireNonNull(lastSeenAt, "lastSeenAt");
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
            permits ReadReceipts, DeletedReceipts, DeletedSentMessages, RecalledMessages, PurgedMessages,
                    RoomUpdated, RoomMembersAdded, RoomMembersRemoved, RoomDeleted, RoomRead, UserErased {}

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

    /** A room's name and/or topic changed (null: unchanged). */
    record RoomUpdated(UUID roomId, @Nullable String name, @Nullable String topic, OffsetDateTime updatedAt)
            implements Update {

        public RoomUpdated {
            requireNonNull(roomId, "roomId");
            requireNonNull(updatedAt, "updatedAt");
        }
    }

    /** Users joined a room or, with {@code owners}, were made its owners. */
    record RoomMembersAdded(UUID roomId, List<String> userIds, boolean owners, OffsetDateTime addedAt)
            implements Update {

        public RoomMembersAdded {
            requireNonNull(roomId, "roomId");
            userIds = List.copyOf(userIds);
            requireNonNull(addedAt, "addedAt");
        }
    }

    /** Users left a room or were removed from it. */
    record RoomMembersRemoved(UUID roomId, List<String> userIds, OffsetDateTime removedAt) implements Update {

        public RoomMembersRemoved {
            requireNonNull(roomId, "roomId");
            userIds = List.copyOf(userIds);
            requireNonNull(removedAt, "removedAt");
        }
    }

    /** A room was deleted, with its messages. */
    record RoomDeleted(UUID roomId, OffsetDateTime deletedAt) implements Update {

        public RoomDeleted {
            requireNonNull(roomId, "roomId");
            requireNonNull(deletedAt, "deletedAt");
        }
    }

    /**
     * An admin erased a user: their sent messages, receipts, marks, memberships and directory entry go, and a
     * tombstone keeps their earlier events out from then on.
     */
    record UserErased(String userId, OffsetDateTime erasedAt) implements Update {

        public UserErased {
            requireNonNull(userId, "userId");
            requireNonNull(erasedAt, "erasedAt");
        }
    }

    /** A member read a room up to a message. */
    record RoomRead(UUID roomId, String userId, UUID messageId) implements Update {

        public RoomRead {
            requireNonNull(roomId, "roomId");
            requireNonNull(userId, "userId");
            requireNonNull(messageId, "messageId");
        }
    }
}
