package dev.herald.message.room;

import java.util.List;

/**
 * A room as an admin sees it.
 *
 * @param members every current member, by user id
 * @param messageCount the messages the room holds
 */
public record RoomInspection(RoomDetails room, List<MemberEntry> members, long messageCount) {

    public RoomInspection {
        members = List.copyOf(members);
    }
}
