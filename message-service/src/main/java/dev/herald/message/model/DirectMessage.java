package dev.herald.message.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A message: as accepted (and published) by the send path, and as read back from PostgreSQL. A direct message names
 * its receivers; a room message ({@code roomId}) and an announcement (to every user) have none: who receives them
 * follows from room membership and from when each user first appeared.
 *
 * @param id a UUIDv7, so ids order messages by time
 * @param receivers the receiver ids, in the order given (stored: in id order); empty for room messages and
 *        announcements
 * @param clientId the sender's retry key; only the sender sees it
 * @param roomId the room of a room message
 * @param announcement true for an announcement (AdminService.Announce)
 */
public record DirectMessage(UUID id, String senderId, String senderName, List<String> receivers, String title,
        String body, String type, Instant createdAt, Optional<String> clientId, Optional<UUID> roomId,
        boolean announcement) {

    public DirectMessage {
        requireNonNull(id, "id");
        requireNonNull(senderId, "senderId");
        requireNonNull(senderName, "senderName");
        receivers = List.copyOf(receivers);
        requireNonNull(title, "title");
        requireNonNull(body, "body");
        requireNonNull(type, "type");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(clientId, "clientId");
        requireNonNull(roomId, "roomId");
    }

    /** A direct message to {@code receivers}. */
    public DirectMessage(UUID id, String senderId, String senderName, List<String> receivers, String title,
            String body, String type, Instant createdAt, Optional<String> clientId) {
        this(id, senderId, senderName, receivers, title, body, type, createdAt, clientId, Optional.empty(), false);
    }

    /** The message as a receiver sees it: the sender's retry key is the sender's own. */
    public DirectMessage withoutClientId() {
        return new DirectMessage(id, senderId, senderName, receivers, title, body, type, createdAt, Optional.empty(),
                roomId, announcement);
    }
}
