package dev.herald.message.room;

import dev.herald.message.presence.DeliveryRouter;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.RoomNotice;
import dev.herald.proto.v1.RoomNotice.Change;
import java.util.Collection;
import java.util.UUID;

/**
 * Tells the online users whose rooms changed, on every gateway holding their sockets (client event {@code room}).
 * Sent once the change is acked by the stream, so a client that reacts by reading sees it.
 */
public final class RoomNotices {

    private final DeliveryRouter router;

    public RoomNotices(DeliveryRouter router) {
        this.router = router;
    }

    /** @param byUserId who made the change; empty for an admin or an automatic change */
    void push(Collection<String> recipients, UUID roomId, Change change, String byUserId) {
        if (recipients.isEmpty()) {
            return;
        }
        router.deliver(recipients, Delivery.newBuilder().setRoom(RoomNotice.newBuilder()
                .setRoomId(roomId.toString()).setChange(change).setByUserId(byUserId)));
    }
}
