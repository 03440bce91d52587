package dev.herald.message.presence;

import static java.util.Objects.requireNonNull;

import dev.herald.message.error.HeraldException;
import dev.herald.message.room.RoomAccess;
import dev.herald.message.store.QueryRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Answers presence reads: the state of listed users, or of a room's members. A listed user outside the caller's
 * {@link Audiences audience} is answered {@code UNKNOWN}; a room's members share it with the caller, whatever its
 * size. Online comes from the {@link PresenceTable} (every gateway); the last-seen time of an offline user from this
 * instance's memory of a recent close, else {@code users.last_seen_at}.
 */
public final class PresenceLookup {

    public static final int MAX_USERS = 500;

    private final PresenceTable presence;
    private final Audiences audiences;
    private final RoomAccess rooms;
    private final RecentLastSeen recent;
    private final QueryRunner queries;

    public PresenceLookup(PresenceTable presence, Audiences audiences, RoomAccess rooms, RecentLastSeen recent,
            QueryRunner queries) {
        this.presence = requireNonNull(presence, "presence");
        this.audiences = requireNonNull(audiences, "audiences");
        this.rooms = requireNonNull(rooms, "rooms");
        this.recent = requireNonNull(recent, "recent");
        this.queries = requireNonNull(queries, "queries");
    }

    /**
     * @param roomId empty to read the listed users
     * @throws HeraldException.InvalidArgument over {@value #MAX_USERS} users ({@code user_ids}), both or a bad room
     *         id ({@code room_id})
     */
    public List<UserPresence> read(String callerId, List<String> userIds, String roomId) {
        if (!roomId.isEmpty()) {
            if (!userIds.isEmpty()) {
                throw new HeraldException.InvalidArgument("room_id", "give user_ids or room_id, not both");
            }
            List<String> members = rooms.requireMember(callerId, roomId(roomId), "room_id").memberIds();
            List<String> firstMembers = members.subList(0, Math.min(members.size(), MAX_USERS));
            return states(firstMembers, Set.copyOf(firstMembers));
        }
        if (userIds.size() > MAX_USERS) {
            throw new HeraldException.InvalidArgument("user_ids",
                    "user_ids: " + userIds.size() + " (expected: at most " + MAX_USERS + ")");
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(userIds));
        return states(distinct, audiences.among(callerId, distinct));
    }

    private List<UserPresence> states(List<String> userIds, Set<String> visible) {
        List<String> offline = new ArrayList<>();
        Map<String, Instant> lastSeen = new HashMap<>();
        for (String id : userIds) {
            if (visible.contains(id) && !presence.isOnline(id)) {
                recent.of(id).ifPresentOrElse(at -> lastSeen.put(id, at), () -> offline.add(id));
            }
        }
        if (!offline.isEmpty()) {
            queries.run(new SelectLastSeen(offline)).forEach(lastSeen::putIfAbsent);
        }
        List<UserPresence> answer = new ArrayList<>(userIds.size());
        for (String id : userIds) {
            answer.add(state(id, visible, lastSeen));
        }
        return answer;
    }

    private UserPresence state(String id, Collection<String> visible, Map<String, Instant> lastSeen) {
        if (!visible.contains(id)) {
            return new UserPresence(id, UserPresence.State.UNKNOWN, Optional.empty());
        }
        if (presence.isOnline(id)) {
            return new UserPresence(id, UserPresence.State.ONLINE, Optional.empty());
        }
        return new UserPresence(id, UserPresence.State.OFFLINE, Optional.ofNullable(lastSeen.get(id)));
    }

    private static UUID roomId(String roomId) {
        try {
            return UUID.fromString(roomId);
        } catch (IllegalArgumentException e) {
            throw new HeraldException.InvalidArgument("room_id", "room_id: not a room id");
        }
    }
}
