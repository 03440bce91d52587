package dev.herald.worker.decode;

import static dev.herald.worker.decode.EventDecoder.require;
import static dev.herald.worker.decode.EventDecoder.time;
import static dev.herald.worker.decode.EventDecoder.uuid;

import dev.herald.proto.v1.RoomCreated;
import dev.herald.proto.v1.RoomDeleted;
import dev.herald.proto.v1.RoomMembersAdded;
import dev.herald.proto.v1.RoomMembersRemoved;
import dev.herald.proto.v1.RoomRead;
import dev.herald.proto.v1.RoomUpdated;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room events of {@link EventDecoder}. A room event without a room id that is a UUID, or without its time, is
 * undecodable; empty user ids in its lists are left out (logged at debug) and the rest is stored.
 */
final class RoomEventDecoder {

    private static final Logger logger = LoggerFactory.getLogger(RoomEventDecoder.class);

    private RoomEventDecoder() {}

    static Event.RoomCreated roomCreated(RoomCreated created) throws UndecodableEventException {
        require(!created.getCreatorId().isEmpty(), "room_created has no creator_id");
        require(created.hasCreatedAt(), "room_created has no created_at");
        Set<String> members = userIds(created.getMemberIdsList(), "room_created");
        members.remove(created.getCreatorId());
        return new Event.RoomCreated(uuid(created.getRoomId(), "room_created room_id"), created.getName(),
                created.getTopic(), created.getPublic(), created.getCreatorId(), time(created.getCreatedAt()),
                List.copyOf(members));
    }

    static Event.RoomUpdated roomUpdated(RoomUpdated updated) throws UndecodableEventException {
        require(updated.hasUpdatedAt(), "room_updated has no updated_at");
        return new Event.RoomUpdated(uuid(updated.getRoomId(), "room_updated room_id"),
                updated.hasName() ? updated.getName() : null, updated.hasTopic() ? updated.getTopic() : null,
                time(updated.getUpdatedAt()));
    }

    static Event.RoomMembersAdded roomMembersAdded(RoomMembersAdded added) throws UndecodableEventException {
        require(added.hasAddedAt(), "room_members_added has no added_at");
        return new Event.RoomMembersAdded(uuid(added.getRoomId(), "room_members_added room_id"),
                List.copyOf(userIds(added.getUserIdsList(), "room_members_added")), added.getOwners(),
                time(added.getAddedAt()));
    }

    static Event.RoomMembersRemoved roomMembersRemoved(RoomMembersRemoved removed)
            throws UndecodableEventException {
        require(removed.hasRemovedAt(), "room_members_removed has no removed_at");
        return new Event.RoomMembersRemoved(uuid(removed.getRoomId(), "room_members_removed room_id"),
                List.copyOf(userIds(removed.getUserIdsList(), "room_members_removed")),
                time(removed.getRemovedAt()));
    }

    static Event.RoomDeleted roomDeleted(RoomDeleted deleted) throws UndecodableEventException {
        require(deleted.hasDeletedAt(), "room_deleted has no deleted_at");
        return new Event.RoomDeleted(uuid(deleted.getRoomId(), "room_deleted room_id"), time(deleted.getDeletedAt()));
    }

    static Event.RoomRead roomRead(RoomRead read) throws UndecodableEventException {
        require(!read.getUserId().isEmpty(), "room_read has no user_id");
        return new Event.RoomRead(uuid(read.getRoomId(), "room_read room_id"), read.getUserId(),
                uuid(read.getMessageId(), "room_read message_id"));
    }

    /** The non-empty ids, each once, in their order. */
    private static Set<String> userIds(List<String> ids, String kind) {
        Set<String> valid = new LinkedHashSet<>();
        for (String id : ids) {
            if (!id.isEmpty()) {
                valid.add(id);
            }
        }
        if (valid.size() < ids.size()) {
            logger.atDebug().addKeyValue("kind", kind).addKeyValue("skipped", ids.size() - valid.size())
                    .log("leaving out empty or repeated user ids");
        }
        return valid;
    }
}
