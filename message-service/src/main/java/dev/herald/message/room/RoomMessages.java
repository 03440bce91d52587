package dev.herald.message.room;

import dev.herald.message.model.DirectMessage;
import dev.herald.message.page.Page;

/** A page of a room's messages as a member sees them, newest first, with the room they belong to. */
public record RoomMessages(RoomDetails room, Page<DirectMessage> page) {}
