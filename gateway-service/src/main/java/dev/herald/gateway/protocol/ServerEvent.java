package dev.herald.gateway.protocol;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the gateway sends to a client. Encoded by {@link EventCodec#encode}. */
public sealed interface ServerEvent {

    /**
     * An event a message-service instance pushes over a gateway link to the sockets of its recipients. Never
     * carries a request id: it answers nothing this socket asked.
     */
    sealed interface Pushed extends ServerEvent {}

    /**
     * {@code ack} of a successful {@code online}: the caller as the directory stores it and how many received
     * messages are unread.
     */
    record OnlineAck(@Nullable RequestId id, String userId, String userName, long unreadCount)
            implements ServerEvent {

        public OnlineAck {
            requireNonNull(userId, "userId");
            requireNonNull(userName, "userName");
        }
    }

    /** {@code ack} of an accepted {@code message}: its id and the server time it was accepted. */
    record SendAck(@Nullable RequestId id, String messageId, Instant createdAt) implements ServerEvent {

        public SendAck {
            requireNonNull(messageId, "messageId");
            requireNonNull(createdAt, "createdAt");
        }
    }

    /**
     * {@code ack} of an API call ({@code sync}, {@code inbox}, …): {@code data} is the RPC's response as a JSON
     * object, written into the frame as it is.
     */
    record ApiAck(@Nullable RequestId id, String data) implements ServerEvent {

        public ApiAck {
            requireNonNull(data, "data");
        }

        @Override
        public String toString() {
            return "ApiAck[data=<" + data.length() + " chars>]";
        }
    }

    /**
     * {@code exception}: a request failed; {@code field} names the offending part when known, {@code retryAfterMs}
     * how long to wait before retrying when the server said so (a user over its rate).
     */
    record Failure(@Nullable RequestId id, Status.Code status, String message, @Nullable String field,
            @Nullable Long retryAfterMs) implements ServerEvent {

        public Failure {
            requireNonNull(status, "status");
            requireNonNull(message, "message");
        }

        public Failure(@Nullable RequestId id, Status.Code status, String message, @Nullable String field) {
            this(id, status, message, field, null);
        }

        public static Failure of(@Nullable RequestId id, FrameException error) {
            return new Failure(id, error.status(), error.getMessage(), error.field().orElse(null),
                    error.retryAfterMs().isPresent() ? error.retryAfterMs().getAsLong() : null);
        }
    }

    /**
     * {@code message}: a message delivered to this socket: a direct one, a room's ({@code room} names it) or an
     * announcement to every user. Never carries a request id.
     *
     * @param room         the room the message was sent to; empty for a direct message or an announcement
     * @param announcement whether it is an announcement (AdminService.Announce)
     */
    record Delivered(
            String messageId,
            String senderId,
            String senderName,
            List<String> receivers,
            String title,
            String body,
            String type,
            Instant createdAt,
            String room,
            boolean announcement) implements Pushed {

        public Delivered {
            requireNonNull(messageId, "messageId");
            requireNonNull(senderId, "senderId");
            requireNonNull(senderName, "senderName");
            receivers = List.copyOf(receivers);
            requireNonNull(title, "title");
            requireNonNull(body, "body");
            requireNonNull(type, "type");
            requireNonNull(createdAt, "createdAt");
            requireNonNull(room, "room");
        }

        /** A direct message. */
        public Delivered(String messageId, String senderId, String senderName, List<String> receivers, String title,
                String body, String type, Instant createdAt) {
            this(messageId, senderId, senderName, receivers, title, body, type, createdAt, "", false);
        }

        @Override
        public String toString() {
            return "Delivered[messageId=" + messageId + ", senderId=" + senderId + ", receivers=" + receivers.size()
                    + (room.isEmpty() ? "" : ", room=" + room) + (announcement ? ", announcement" : "") + "]";
        }
    }

    /**
     * {@code read}: a receiver read a message this user sent. Not to be confused with the client event
     * {@code read}, which asks to mark messages read and, through the message-service, causes this one.
     */
    record ReadReceipt(String messageId, String readerId, Instant readAt) implements Pushed {

        public ReadReceipt {
            requireNonNull(messageId, "messageId");
            requireNonNull(readerId, "readerId");
            requireNonNull(readAt, "readAt");
        }
    }

    /**
     * {@code recalled}: the sender recalled a message this user received; clients should hide it.
     *
     * @param room the message's room; empty for a direct message
     */
    record Recalled(String messageId, String room) implements Pushed {

        public Recalled {
            requireNonNull(messageId, "messageId");
            requireNonNull(room, "room");
        }

        /** The recall of a direct message. */
        public Recalled(String messageId) {
            this(messageId, "");
        }
    }

    /**
     * {@code presence}: a user this user may see came online (its first socket anywhere opened) or went offline
     * (its last one closed). Not the client events {@code online} and {@code offline}, which sign a socket in and
     * out.
     *
     * @param lastSeen when the last socket closed; {@code null} while online
     */
    record Presence(String userId, boolean online, @Nullable Instant lastSeen) implements Pushed {

        public Presence {
            requireNonNull(userId, "userId");
        }
    }

    /**
     * {@code typing}: a user is typing in a conversation with this user: a direct one, or the room {@code room}.
     *
     * @param room the room; empty in a direct conversation
     */
    record Typing(String fromUserId, String room) implements Pushed {

        public Typing {
            requireNonNull(fromUserId, "fromUserId");
            requireNonNull(room, "room");
        }
    }

    /**
     * {@code room}: this user's membership of a room changed, or the room did.
     *
     * @param byUserId who made the change; empty for an admin or an automatic change
     */
    record RoomChanged(String roomId, RoomChange change, String byUserId) implements Pushed {

        public RoomChanged {
            requireNonNull(roomId, "roomId");
            requireNonNull(change, "change");
            requireNonNull(byUserId, "byUserId");
        }
    }

    /** What happened to a room, as the {@code change} of a {@code room} event names it. */
    enum RoomChange {
        /** This user was added to the room, or made an owner. */
        ADDED("added"),
        /** This user left or was removed. */
        REMOVED("removed"),
        /** The room was deleted. */
        DELETED("deleted"),
        /** Its name or topic changed. */
        UPDATED("updated");

        private final String jsonName;

        RoomChange(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The name clients read. */
        public String jsonName() {
            return jsonName;
        }
    }

    /**
     * {@code resync}: a link to a message-service instance ended, so live deliveries may have been lost; the
     * client should fetch what it missed with {@code sync}. Sent by the gateway itself, without data.
     */
    record Resync() implements ServerEvent {}
}
