package dev.herald.message.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A direct message: as accepted (and published) by the send path, and as read back from PostgreSQL.
 *
 * @param id a UUIDv7, so ids order messages by time
 * @param receivers the receiver ids, in the order given (stored: in id order)
 * @param clientId the sender's retry key; only the sender sees it
 */
public record DirectMessage(UUID id, String senderId, String senderName, List<String> receivers, String title,
        String body, String type, Instant createdAt, Optional<String> clientId) {

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
    }

    /** The message as a receiver sees it: the sender's retry key is the sender's own. */
    public DirectMessage withoutClientId() {
        return new DirectMessage(id, senderId, senderName, receivers, title, body, type, createdAt, Optional.empty());
    }
}
