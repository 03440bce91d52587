package dev.herald.message.send;

import dev.herald.message.error.HeraldException.InvalidArgument;
import dev.herald.message.text.StorableText;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a send request against the limits and against what the schema stores, so that whatever is acked can be
 * stored as it is; each failure names its field. Lengths are in code points, as PostgreSQL counts them.
 */
final class SendValidator {

    private final SendLimits limits;

    SendValidator(SendLimits limits) {
        this.limits = limits;
    }

    /** @return the room, or the receivers deduplicated in the order given */
    Audience validate(SendCommand request) {
        Audience audience = audience(request);
        validateContent(request.title(), request.body(), request.type(), request.clientId());
        return audience;
    }

    private Audience audience(SendCommand request) {
        if (!request.roomId().isEmpty()) {
            if (!request.receivers().isEmpty()) {
                throw new InvalidArgument("room_id", "give receivers or room_id, not both");
            }
            return new Audience.Room(roomId(request.roomId()));
        }
        if (request.receivers().isEmpty()) {
            throw new InvalidArgument("receivers", "receivers must not be empty (or give a room_id)");
        }
        return new Audience.Receivers(receivers(request.receivers()));
    }

    private static UUID roomId(String text) {
        try {
            UUID id = UUID.fromString(text);
            // UUID.fromString accepts short groups ("1-2-3-4-5"); only the canonical form is a room id.
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // Not a UUID at all: reported below like any other text that is no room id.
        }
        throw new InvalidArgument("room_id", "room_id must be a room id");
    }

    private List<String> receivers(List<String> requested) {
        Set<String> receivers = new LinkedHashSet<>();
        for (String receiver : requested) {
            if (receiver.isBlank()) {
                throw new InvalidArgument("receivers", "receivers must not contain an empty id");
            }
            StorableText.require("receivers", receiver, StorableText.MAX_ID_CHARS, "a receiver id is");
            receivers.add(receiver);
        }
        if (receivers.size() > limits.maxReceivers()) {
            throw new InvalidArgument("receivers", "too many receivers: " + receivers.size()
                    + " (at most " + limits.maxReceivers() + ")");
        }
        return List.copyOf(receivers);
    }

    /** The checks of what a message says, the same for direct and room messages and announcements. */
    void validateContent(String title, String body, String type, String clientId) {
        if (body.isBlank()) {
            throw new InvalidArgument("body", "body must not be empty");
        }
        StorableText.require("body", body);
        int bodyBytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bodyBytes > limits.maxBodyBytes()) {
            throw new InvalidArgument("body", "body too large: " + bodyBytes + " bytes (at most "
                    + limits.maxBodyBytes() + ")");
        }
        StorableText.require("title", title, limits.maxTitleChars(), "title");
        StorableText.require("type", type, StorableText.MAX_ID_CHARS, "type");
        StorableText.require("clientId", clientId, limits.maxClientIdChars(), "clientId");
    }
}
