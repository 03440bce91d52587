package dev.herald.message.presence;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Which gateways hold sockets of which users, as this instance learned it over the gateway links. Every gateway
 * links to every instance, so every instance has the whole picture; when a link ends, its gateway's users are
 * dropped at once, so a dead gateway never leaves users online.
 *
 * <p>A user is on a gateway only as long as the token that proved it there (see {@link PresenceProofs}) has not
 * expired: each entry keeps that expiry, and the clock is checked at every lookup, so a delivery never goes out on
 * an expired proof. Expired entries are dropped when a lookup meets them (a gateway also reports the user offline
 * when it closes the user's last socket at its token's expiry).
 */
public final class PresenceTable {

    private final Clock clock;
    private final Map<String, GatewayChannel> gateways = new ConcurrentHashMap<>();
    /**
     * Per user, the gateways it is proven on, each with when that proof expires (immutable maps, replaced whole).
     * Every change of a user's entry, and of the user in a channel's {@link GatewayChannel#users()}, happens inside
     * {@code compute} on the user's key, so a lookup dropping an expired proof cannot undo a fresh one.
     */
    private final Map<String, Map<String, Instant>> proofsByUser = new ConcurrentHashMap<>();

    public PresenceTable(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Adds a gateway with the users proven on it, replacing an earlier link of the same gateway; returns the users
     * the replaced link held (none without one).
     */
    Set<String> register(GatewayChannel channel, Collection<ProvenUser> provenUsers) {
        GatewayChannel previous = gateways.put(channel.gatewayId(), channel);
        Set<String> replaced = Set.of();
        if (previous != null) {
            replaced = Set.copyOf(previous.users());
            previous.users().forEach(user -> detach(previous, user));
            previous.close();
        }
        provenUsers.forEach(user -> online(channel, user));
        return replaced;
    }

    /** Delivers to {@code user} on {@code channel} until its proof expires; a proof expiring sooner changes nothing. */
    void online(GatewayChannel channel, ProvenUser user) {
        proofsByUser.compute(user.userId(), (id, current) -> {
            Map<String, Instant> next = current == null ? new HashMap<>() : new HashMap<>(current);
            next.merge(channel.gatewayId(), user.expiresAt(), (held, offered) -> offered.isAfter(held) ? offered : held);
            channel.users().add(id);
            return Map.copyOf(next);
        });
    }

    void offline(GatewayChannel channel, String userId) {
        detach(channel, userId);
    }

    /** Drops a gateway whose link ended, unless a newer link of the same gateway replaced it. */
    void remove(GatewayChannel channel) {
        if (!gateways.remove(channel.gatewayId(), channel)) {
            return;
        }
        channel.users().forEach(user -> detach(channel, user));
        channel.close();
    }

    /** Whether the user is proven on some gateway, by a token that has not expired. */
    public boolean isOnline(String userId) {
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> proof : proofsByUser.getOrDefault(userId, Map.of()).entrySet()) {
            if (isValid(userId, proof, now)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Groups the given users by the gateway channels they are proven on, by tokens that have not expired; other
     * users are left out.
     */
    public Map<GatewayChannel, List<String>> locate(Collection<String> userIds) {
        Instant now = clock.instant();
        Map<GatewayChannel, List<String>> byGateway = new HashMap<>();
        for (String userId : userIds) {
            for (Map.Entry<String, Instant> proof : proofsByUser.getOrDefault(userId, Map.of()).entrySet()) {
                GatewayChannel channel = gateways.get(proof.getKey());
                if (channel != null && isValid(userId, proof, now)) {
                    byGateway.computeIfAbsent(channel, c -> new ArrayList<>()).add(userId);
                }
            }
        }
        return byGateway;
    }

    /** Every linked gateway, whether or not it holds sockets now (an announcement goes to each once). */
    /** How many gateways are linked now. */
    public int gatewayCount() {
        return gateways.size();
    }

    public Collection<GatewayChannel> gateways() {
        return List.copyOf(gateways.values());
    }

    /** Closes every link (shutdown): gateways reconnect to another instance. */
    public void closeAll() {
        gateways.values().forEach(this::remove);
    }

    /** Whether {@code proof} (gateway id to expiry) still holds at {@code now}; an expired one is dropped. */
    private boolean isValid(String userId, Map.Entry<String, Instant> proof, Instant now) {
        if (now.isBefore(proof.getValue())) {
            return true;
        }
        expire(userId, proof.getKey(), proof.getValue());
        return false;
    }

    /** Drops the user's proof on the gateway if it is still the one that expired (not renewed meanwhile). */
    private void expire(String userId, String gatewayId, Instant expiredAt) {
        proofsByUser.computeIfPresent(userId, (id, current) -> {
            if (!expiredAt.equals(current.get(gatewayId))) {
                return current;
            }
            GatewayChannel channel = gateways.get(gatewayId);
            if (channel != null) {
                channel.users().remove(id);
            }
            return without(current, gatewayId);
        });
    }

    private void detach(GatewayChannel channel, String userId) {
        proofsByUser.computeIfPresent(userId, (id, current) -> {
            channel.users().remove(id);
            return current.containsKey(channel.gatewayId()) ? without(current, channel.gatewayId()) : current;
        });
    }

    /** The proofs without the gateway's, or null (no entry) when none is left. */
    private static @Nullable Map<String, Instant> without(Map<String, Instant> proofs, String gatewayId) {
        Map<String, Instant> next = new HashMap<>(proofs);
        next.remove(gatewayId);
        return next.isEmpty() ? null : Map.copyOf(next);
    }
}
