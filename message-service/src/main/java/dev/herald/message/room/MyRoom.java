package dev.herald.message.room;

import dev.herald.message.model.DirectMessage;
import java.util.Optional;
import java.util.UUID;

/**
 * One of a user's rooms with the user's state in it.
 *
 * @param lastMessage the newest message the user sees
 * @param readUpTo the newest message the user has read
 * @param cursor where the list continues after this room
 */
public record MyRoom(RoomDetails room, UnreadCount unread, Optional<DirectMessage> lastMessage,
        Optional<UUID> readUpTo, boolean owner, String cursor) {}
