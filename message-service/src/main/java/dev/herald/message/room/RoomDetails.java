package dev.herald.message.room;

import dev.herald.schema.generated.tables.records.RoomsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A room as its members see it.
 *
 * @param memberCount current members
 * @param ownerIds current owners, in the order they became owners
 */
public record RoomDetails(UUID id, String name, String topic, boolean isPublic, String creatorId, Instant createdAt,
        int memberCount, List<String> ownerIds) {

    public RoomDetails {
        ownerIds = List.copyOf(ownerIds);
    }

    static RoomDetails of(RoomsRecord row, List<String> ownerIds) {
        return new RoomDetails(row.getId(), row.getName(), row.getTopic(), row.getPublic(), row.getCreatorId(),
                row.getCreatedAt().toInstant(), row.getMemberCount(), ownerIds);
    }

    /** The room renamed and/or with a new topic (empty: unchanged). */
    RoomDetails updated(Optional<String> newName, Optional<String> newTopic) {
        return new RoomDetails(id, newName.orElse(name), newTopic.orElse(topic), isPublic, creatorId, createdAt,
                memberCount, ownerIds);
    }

    /** The room with {@code joined} more members. */
    RoomDetails withMoreMembers(int joined) {
        return new RoomDetails(id, name, topic, isPublic, creatorId, createdAt, memberCount + joined, ownerIds);
    }
}
