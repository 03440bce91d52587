package dev.herald.worker.decode;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ProtocolStringList;
import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.MessagesPurged;
import dev.herald.proto.v1.MessagesRecalled;
import dev.herald.proto.v1.ReceiptsDeleted;
import dev.herald.proto.v1.ReceiptsRead;
import dev.herald.proto.v1.SentDeleted;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.User;
import dev.herald.proto.v1.UserErased;
import dev.herald.proto.v1.UserLastSeen;
import dev.herald.proto.v1.UserSeen;
import dev.herald.proto.v1.UsersProvisioned;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the bytes of one stream record (a serialized {@link StreamEvent}) into an {@link Event},
 * checking what the database needs. The proto types stop here.
 *
 * <p>A record missing what its write cannot do without (a message id, a receiver, a time) is
 * undecodable. In the list of an update or a provisioning, entries that cannot be stored (a
 * message id that is not a UUID, a user without id) are left out and logged at debug: the others
 * are still written.
 */
public final class EventDecoder {

    private static final Logger logger = LoggerFactory.getLogger(EventDecoder.class);

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
            case RECEIPTS_READ -> readReceipts(event.getReceiptsRead());
            case RECEIPTS_DELETED -> deletedReceipts(event.getReceiptsDeleted());
            case SENT_DELETED -> deletedSentMessages(event.getSentDeleted());
            case MESSAGES_RECALLED -> recalledMessages(event.getMessagesRecalled());
            case MESSAGES_PURGED -> purgedMessages(event.getMessagesPurged());
            case USERS_PROVISIONED -> provisionedUsers(event.getUsersProvisioned());
            case ROOM_CREATED -> RoomEventDecoder.roomCreated(event.getRoomCreated());
            case ROOM_UPDATED -> RoomEventDecoder.roomUpdated(event.getRoomUpdated());
            case ROOM_MEMBERS_ADDED -> RoomEventDecoder.roomMembersAdded(event.getRoomMembersAdded());
            case ROOM_MEMBERS_REMOVED -> RoomEventDecoder.roomMembersRemoved(event.getRoomMembersRemoved());
            case ROOM_DELETED -> RoomEventDecoder.roomDeleted(event.getRoomDeleted());
            case ROOM_READ -> RoomEventDecoder.roomRead(event.getRoomRead());
            case USER_LAST_SEEN -> lastSeen(event.getUserLastSeen());
            case USER_ERASED -> userErased(event.getUserErased());
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
        @Nullable UUID roomId = message.getRoomId().isEmpty() ? null : uuid(message.getRoomId(), "message room_id");
        // A room message or an announcement has no receipts: receivers there would be a message-service bug.
        require(roomId == null || !message.getAnnouncement(), "message is both a room message and an announcement");
        require((roomId == null && !message.getAnnouncement()) || message.getReceiversCount() == 0,
                "room message or announcement with receivers");
        return new Event.NewMessage(
                UUID.fromString(message.getId()),
                message.getSender().getId(),
                message.getSender().getName(),
                message.getReceiversList(),
                message.getTitle(),
                message.getBody(),
                message.getType(),
                message.getClientId().isEmpty() ? null : message.getClientId(),
                time(message.getCreatedAt()),
                roomId,
                message.getAnnouncement());
    }

    private static Event.LastSeen lastSeen(UserLastSeen seen) throws UndecodableEventException {
        require(!seen.getUserId().isEmpty(), "user_last_seen has no user_id");
        require(seen.hasLastSeenAt(), "user_last_seen has no last_seen_at");
        return new Event.LastSeen(seen.getUserId(), time(seen.getLastSeenAt()));
    }

    private static Event.UserErased userErased(UserErased erased) throws UndecodableEventException {
        require(!erased.getUserId().isEmpty(), "user_erased has no user_id");
        require(erased.hasErasedAt(), "user_erased has no erased_at");
        return new Event.UserErased(erased.getUserId(), time(erased.getErasedAt()));
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

    private static Event.ReadReceipts readReceipts(ReceiptsRead read) throws UndecodableEventException {
        require(!read.getReceiverId().isEmpty(), "receipts_read has no receiver_id");
        require(read.hasReadAt(), "receipts_read has no read_at");
        return new Event.ReadReceipts(read.getReceiverId(), uuids(read.getMessageIdsList(), "receipts_read"),
                time(read.getReadAt()));
    }

    private static Event.DeletedReceipts deletedReceipts(ReceiptsDeleted deleted) throws UndecodableEventException {
        require(!deleted.getReceiverId().isEmpty(), "receipts_deleted has no receiver_id");
        require(deleted.hasDeletedAt(), "receipts_deleted has no deleted_at");
        return new Event.DeletedReceipts(deleted.getReceiverId(),
                uuids(deleted.getMessageIdsList(), "receipts_deleted"), time(deleted.getDeletedAt()));
    }

    private static Event.DeletedSentMessages deletedSentMessages(SentDeleted deleted) throws UndecodableEventException {
        require(!deleted.getSenderId().isEmpty(), "sent_deleted has no sender_id");
        require(deleted.hasDeletedAt(), "sent_deleted has no deleted_at");
        return new Event.DeletedSentMessages(deleted.getSenderId(),
                uuids(deleted.getMessageIdsList(), "sent_deleted"), time(deleted.getDeletedAt()));
    }

    private static Event.RecalledMessages recalledMessages(MessagesRecalled recalled) throws UndecodableEventException {
        require(!recalled.getSenderId().isEmpty(), "messages_recalled has no sender_id");
        require(recalled.hasRecalledAt(), "messages_recalled has no recalled_at");
        return new Event.RecalledMessages(recalled.getSenderId(),
                uuids(recalled.getMessageIdsList(), "messages_recalled"), time(recalled.getRecalledAt()));
    }

    private static Event.PurgedMessages purgedMessages(MessagesPurged purged) {
        return new Event.PurgedMessages(uuids(purged.getMessageIdsList(), "messages_purged"));
    }

    private static Event.ProvisionedUsers provisionedUsers(UsersProvisioned provisioned)
            throws UndecodableEventException {
        require(provisioned.hasProvisionedAt(), "users_provisioned has no provisioned_at");
        List<Event.NamedUser> users = new ArrayList<>(provisioned.getUsersCount());
        for (User user : provisioned.getUsersList()) {
            if (!user.getId().isEmpty()) {
                users.add(new Event.NamedUser(user.getId(), user.getName()));
            }
        }
        if (users.size() < provisioned.getUsersCount()) {
            logger.atDebug().addKeyValue("skipped", provisioned.getUsersCount() - users.size())
                    .log("users_provisioned: leaving out users without an id");
        }
        return new Event.ProvisionedUsers(users, time(provisioned.getProvisionedAt()));
    }

    /** The id as a UUID, or undecodable naming {@code what}. */
    static UUID uuid(String id, String what) throws UndecodableEventException {
        require(UUID_TEXT.matcher(id).matches(), what + " is not a UUID");
        return UUID.fromString(id);
    }

    /** The ids that are UUIDs, each once, in their order; the others are left out. */
    private static List<UUID> uuids(ProtocolStringList ids, String kind) {
        Set<UUID> valid = new LinkedHashSet<>();
        int invalid = 0;
        for (String id : ids) {
            if (UUID_TEXT.matcher(id).matches()) {
                valid.add(UUID.fromString(id));
            } else {
                invalid++;
            }
        }
        if (invalid > 0) {
            logger.atDebug().addKeyValue("kind", kind).addKeyValue("skipped", invalid)
                    .log("leaving out message ids that are not UUIDs");
        }
        return List.copyOf(valid);
    }

    static void require(boolean condition, String reason) throws UndecodableEventException {
        if (!condition) {
            throw new UndecodableEventException(reason);
        }
    }

    static OffsetDateTime time(Timestamp timestamp) throws UndecodableEventException {
        try {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new UndecodableEventException("timestamp out of range", e);
        }
    }
}
