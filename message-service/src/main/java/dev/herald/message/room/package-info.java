/** Rooms: who may use them (RoomAccess), and the RoomService operations on them. */
@NullMarked
package dev.herald.message.room;

import org.jspecify.annotations.NullMarked;
