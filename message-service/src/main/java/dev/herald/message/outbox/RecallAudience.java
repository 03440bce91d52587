package dev.herald.message.outbox;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who is told of the recall of some messages, looked up before the recall is published (the worker deletes receipts
 * as it applies it): the receivers of each direct message, the current members of each room message's room, and
 * everyone for an announcement.
 */
record RecallAudience(Map<UUID, List<String>> receivers, Map<UUID, UUID> roomOfMessage,
        Map<UUID, List<String>> membersOfRoom, List<UUID> announcements) {

    RecallAudience {
        receivers = Map.copyOf(receivers);
        roomOfMessage = Map.copyOf(roomOfMessage);
        membersOfRoom = Map.copyOf(membersOfRoom);
        announcements = List.copyOf(announcements);
    }
}
