package dev.herald.message.api;

import dev.herald.message.presence.UserPresence;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.GetPresenceResponse;
import dev.herald.proto.v1.Presence;
import java.util.List;

/** Presence reads to their protobuf answers. */
final class PresenceMapper {

    private PresenceMapper() {}

    static GetPresenceResponse response(List<UserPresence> users) {
        GetPresenceResponse.Builder response = GetPresenceResponse.newBuilder();
        users.forEach(user -> response.addUsers(presence(user)));
        return response.build();
    }

    private static Presence presence(UserPresence user) {
        Presence.Builder presence = Presence.newBuilder().setUserId(user.userId()).setState(switch (user.state()) {
            case ONLINE -> Presence.State.STATE_ONLINE;
            case OFFLINE -> Presence.State.STATE_OFFLINE;
            case UNKNOWN -> Presence.State.STATE_UNKNOWN;
        });
        user.lastSeen().ifPresent(at -> presence.setLastSeen(Timestamps.of(at)));
        return presence.build();
    }
}
