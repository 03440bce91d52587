package dev.herald.message.presence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which gateways hold sockets of which users, as this instance learned it over the gateway links.
 * Every gateway links to every instance, so every instance has the whole picture; when a link
 * ends, its gateway's users are dropped at once, so a dead gateway never leaves users online.
 */
public final class PresenceTable {

    private final Map<String, GatewayChannel> gateways = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> gatewaysByUser = new ConcurrentHashMap<>();

    /** Adds a gateway with the users it holds, replacing an earlier link of the same gateway. */
    void register(GatewayChannel channel, Collection<String> onlineUsers) {
        GatewayChannel previous = gateways.put(channel.gatewayId(), channel);
        if (previous != null) {
            previous.users().forEach(user -> detach(user, channel.gatewayId()));
            previous.close();
        }
        onlineUsers.forEach(user -> online(channel, user));
    }

    void online(GatewayChannel channel, String userId) {
        channel.users().add(userId);
        gatewaysByUser.compute(userId, (user, current) -> {
            Set<String> next = current == null ? new HashSet<>() : new HashSet<>(current);
            next.add(channel.gatewayId());
            return Set.copyOf(next);
        });
    }

    void offline(GatewayChannel channel, String userId) {
        channel.users().remove(userId);
        detach(userId, channel.gatewayId());
    }

    /** Drops a gateway whose link ended, unless a newer link of the same gateway replaced it. */
    void remove(GatewayChannel channel) {
        if (!gateways.remove(channel.gatewayId(), channel)) {
            return;
        }
        channel.users().forEach(user -> detach(user, channel.gatewayId()));
        channel.close();
    }

    public boolean isOnline(String userId) {
        return gatewaysByUser.containsKey(userId);
    }

    /** Groups the given users by the gateway channels that hold their sockets; offline users are left out. */
    public Map<GatewayChannel, List<String>> locate(Collection<String> userIds) {
        Map<GatewayChannel, List<String>> byGateway = new HashMap<>();
        for (String userId : userIds) {
            for (String gatewayId : gatewaysByUser.getOrDefault(userId, Set.of())) {
                GatewayChannel channel = gateways.get(gatewayId);
                if (channel != null) {
                    byGateway.computeIfAbsent(channel, c -> new ArrayList<>()).add(userId);
                }
            }
        }
        return byGateway;
    }

    /** Closes every link (shutdown): gateways reconnect to another instance. */
    public void closeAll() {
        gateways.values().forEach(this::remove);
    }

    private void detach(String userId, String gatewayId) {
        gatewaysByUser.computeIfPresent(userId, (user, current) -> {
            if (!current.contains(gatewayId)) {
                return current;
            }
            Set<String> next = new HashSet<>(current);
            next.remove(gatewayId);
            return next.isEmpty() ? null : Set.copyOf(next);
        });
    }
}
