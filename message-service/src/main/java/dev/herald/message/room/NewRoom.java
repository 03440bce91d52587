package dev.herald.message.room;

import java.util.List;

/**
 * A room to create.
 *
 * @param memberIds initial members besides the creator
 */
public record NewRoom(String name, String topic, boolean isPublic, List<String> memberIds) {

    public NewRoom {
        memberIds = List.copyOf(memberIds);
    }
}
