package dev.herald.message.typing;

import static java.util.Objects.requireNonNull;

import dev.herald.message.error.HeraldException;
import dev.herald.message.presence.Audiences;
import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.room.RoomAccess;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.TypingNotice;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Tells the other participants of a conversation that the caller is typing: the user it writes to (who must be in
 * its presence {@link Audiences audience}), or the other current members of a room it belongs to. Never stored.
 * At most one per caller and conversation every {@link #INTERVAL} is forwarded; extras are dropped silently,
 * before any lookup, so a fast typist costs nothing past the first.
 */
public final class TypingRelay {

    static final Duration INTERVAL = Duration.ofSeconds(2);

    private final Audiences audiences;
    private final RoomAccess rooms;
    private final DeliveryRouter router;
    private final TypingThrottle throttle;

    public TypingRelay(Audiences audiences, RoomAccess rooms, DeliveryRouter router, Clock clock) {
        this.audiences = requireNonNull(audiences, "audiences");
        this.rooms = requireNonNull(rooms, "rooms");
        this.router = requireNonNull(router, "router");
        this.throttle = new TypingThrottle(INTERVAL, clock);
    }

    /**
     * @param to the user typed to, or empty
     * @param roomId the room typed in, or empty
     * @throws HeraldException.InvalidArgument both or neither given (naming {@code to}), a bad room id
     * @throws HeraldException.NotFound {@code to} outside the caller's audience, or a room the caller may not see
     */
    public void typing(String callerId, String to, String roomId) {
        if (to.isEmpty() == roomId.isEmpty()) {
            throw new HeraldException.InvalidArgument("to", "give exactly one of to and room_id");
        }
        if (to.equals(callerId)) {
            throw new HeraldException.InvalidArgument("to", "to: the caller itself");
        }
        TypingThrottle.Conversation conversation = new TypingThrottle.Conversation(callerId, to, roomId);
        if (throttle.isThrottled(conversation)) {
            return;
        }
        List<String> recipients = roomId.isEmpty() ? List.of(checkedReceiver(callerId, to))
                : otherMembers(callerId, roomId);
        if (!throttle.tryForward(conversation)) {
            return;
        }
        router.deliver(recipients, Delivery.newBuilder().setTyping(
                TypingNotice.newBuilder().setFromUserId(callerId).setRoomId(roomId)));
    }

    private String checkedReceiver(String callerId, String to) {
        if (audiences.among(callerId, List.of(to)).isEmpty()) {
            throw new HeraldException.NotFound("to", "no conversation with user " + to);
        }
        return to;
    }

    private List<String> otherMembers(String callerId, String roomId) {
        UUID room;
        try {
            room = UUID.fromString(roomId);
        } catch (IllegalArgumentException e) {
            throw new HeraldException.InvalidArgument("room_id", "room_id: not a room id");
        }
        return rooms.requireMember(callerId, room, "room_id").memberIds().stream()
                .filter(member -> !member.equals(callerId)).toList();
    }
}
