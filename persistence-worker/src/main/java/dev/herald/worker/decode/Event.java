package dev.herald.worker.decode;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One validated write read from the stream. */
public sealed interface Event permits Event.NewMessage, Event.SeenUser {

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
}
