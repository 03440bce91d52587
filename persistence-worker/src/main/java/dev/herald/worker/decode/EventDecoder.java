package dev.herald.worker.decode;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.UserSeen;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns the bytes of one stream record (a serialized {@link StreamEvent}) into an {@link Event},
 * checking what the database needs. The proto types stop here.
 */
public final class EventDecoder {

    /** Canonical form only: {@link UUID#fromString} also accepts shortened groups. */
    private static final Pattern UUID_TEXT =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private EventDecoder() {}

    /** Decodes one record, or says why it can never be written. */
    public static Event decode(byte[] data) throws UndecodableEventException {
        StreamEvent event;
        try {
            event = StreamEvent.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new UndecodableEventException("not a StreamEvent: " + e.getMessage(), e);
        }
        return switch (event.getKindCase()) {
            case MESSAGE_CREATED -> newMessage(event.getMessageCreated());
            case USER_SEEN -> seenUser(event.getUserSeen());
            case KIND_NOT_SET -> throw new UndecodableEventException(
                    "no event kind this worker knows (empty, or written by a newer message-service)");
        };
    }

    private static Event.NewMessage newMessage(Message message) throws UndecodableEventException {
        if (!UUID_TEXT.matcher(message.getId()).matches()) {
            throw new UndecodableEventException("message id is not a UUID");
        }
        if (message.getSender().getId().isEmpty()) {
            throw new UndecodableEventException("message has no sender id");
        }
        for (String receiver : message.getReceiversList()) {
            if (receiver.isEmpty()) {
                throw new UndecodableEventException("message has an empty receiver id");
            }
        }
        if (!message.hasCreatedAt()) {
            throw new UndecodableEventException("message has no created_at");
        }
        return new Event.NewMessage(
                UUID.fromString(message.getId()),
                message.getSender().getId(),
                message.getSender().getName(),
                message.getReceiversList(),
                message.getTitle(),
                message.getBody(),
                message.getType(),
                message.getClientId().isEmpty() ? null : message.getClientId(),
                time(message.getCreatedAt()));
    }

    private static Event.SeenUser seenUser(UserSeen seen) throws UndecodableEventException {
        if (seen.getUser().getId().isEmpty()) {
            throw new UndecodableEventException("user_seen has no user id");
        }
        if (!seen.hasSeenAt()) {
            throw new UndecodableEventException("user_seen has no seen_at");
        }
        return new Event.SeenUser(seen.getUser().getId(), seen.getUser().getName(), time(seen.getSeenAt()));
    }

    private static OffsetDateTime time(Timestamp timestamp) throws UndecodableEventException {
        try {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new UndecodableEventException("timestamp out of range", e);
        }
    }
}
