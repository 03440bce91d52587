package dev.herald.gateway.protocol;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the gateway sends to a client. Encoded by {@link EventCodec#encode}. */
public sealed interface ServerEvent {

    /** {@code ack} of a successful {@code online}: the caller as the directory stores it. */
    record OnlineAck(@Nullable RequestId id, String userId, String userName) implements ServerEvent {

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

    /** {@code exception}: a request failed; {@code field} names the offending part when known. */
    record Failure(@Nullable RequestId id, Status.Code status, String message, @Nullable String field)
            implements ServerEvent {

        public Failure {
            requireNonNull(status, "status");
            requireNonNull(message, "message");
        }

        public static Failure of(@Nullable RequestId id, FrameException error) {
            return new Failure(id, error.status(), error.getMessage(), error.field().orElse(null));
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
            Instant createdAt) implements ServerEvent {

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
}
