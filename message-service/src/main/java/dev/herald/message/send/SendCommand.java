package dev.herald.message.send;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A message as its sender asks for it, not yet checked against the limits: to receivers or to a room (exactly one).
 *
 * @param roomId the room, as the client gave it; empty: none (a direct message)
 * @param clientId the sender's retry key; empty: none
 * @param originSession the sender's socket, which gets an ack rather than a copy of the message
 */
public record SendCommand(List<String> receivers, String roomId, String title, String body, String type,
        String clientId, String originSession) {

    public SendCommand {
        receivers = List.copyOf(receivers);
        requireNonNull(roomId, "roomId");
        requireNonNull(title, "title");
        requireNonNull(body, "body");
        requireNonNull(type, "type");
        requireNonNull(clientId, "clientId");
        requireNonNull(originSession, "originSession");
    }

    /** A direct message to {@code receivers}. */
    public SendCommand(List<String> receivers, String title, String body, String type, String clientId,
            String originSession) {
        this(receivers, "", title, body, type, clientId, originSession);
    }
}
