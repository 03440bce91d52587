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

    /** {@code message}: a direct message delivered to this socket. Never carries a request id. */
    record Delivered(
            String messageId,
            String senderId,
            String senderName,
            List<String> receivers,
            String title,
            String body,
            String type,
            Instant createdAt) implements Pushed {

        public Delivered {
            requireNonNull(messageId, "messageId");
            requireNonNull(senderId, "senderId");
            requireNonNull(senderName, "senderName");
            receivers = List.copyOf(receivers);
            requireNonNull(title, "title");
            requireNonNull(body, "body");
            requireNonNull(type, "type");
            requireNonNull(createdAt, "createdAt");
        }

        @Override
        public String toString() {
            return "Delivered[messageId=" + messageId + ", senderId=" + senderId + ", receivers=" + receivers.size() + "]";
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

    /** {@code recalled}: the sender recalled a message this user received; clients should hide it. */
    record Recalled(String messageId) implements Pushed {

        public Recalled {
            requireNonNull(messageId, "messageId");
        }
    }

    /**
     * {@code resync}: a link to a message-service instance ended, so live deliveries may have been lost; the
     * client should fetch what it missed with {@code sync}. Sent by the gateway itself, without data.
     */
    record Resync() implements ServerEvent {}
}
