package dev.herald.message.presence;

import static java.util.Objects.requireNonNull;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.QueryRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's presence audience: the users who share a current membership of a room of at most
 * {@value #MAX_ROOM_MEMBERS} members with it, or exchanged a direct message with it in the last 30 days. Never
 * everyone: rooms over the bound push no presence, and each part is read with a bound.
 *
 * <p>Pushes load audiences for many users in one query per part; lookups (presence requests, typing) use them
 * cached for {@code ttl}, and one that names someone outside a cached audience reloads it after the writes acked
 * before it are stored (a first message or a join a moment ago).
 */
public final class Audiences {

    public static final int MAX_ROOM_MEMBERS = 500;
    static final Duration DIRECT_WINDOW = Duration.ofDays(30);
    /** Rows read per user at most, per part: beyond it an audience is cut rather than the database loaded. */
    private static final int MAX_ROWS_PER_USER = 10_000;

    private final QueryRunner queries;
    private final Consistency consistency;
    private final Clock clock;
    private final Cache<String, Set<String>> cache;

    /** @param consistency waited on before an audience is reloaded for a miss (a first message acked a moment ago) */
    public Audiences(QueryRunner queries, Consistency consistency, Clock clock, Duration ttl, long maxUsers) {
        this.queries = requireNonNull(queries, "queries");
        this.consistency = requireNonNull(consistency, "consistency");
        this.clock = requireNonNull(clock, "clock");
        this.cache = CacheBuilder.newBuilder().expireAfterWrite(ttl).maximumSize(maxUsers).build();
    }

    /**
     * The audiences of the given users, for a push, loaded together now: a push cannot tell whom a cached audience
     * misses (a member who joined a moment ago would not hear the notice), and the notices come in batches, so a
     * sign-in storm still costs two bounded queries per batch, not per sign-in.
     */
    public Map<String, Set<String>> of(Collection<String> userIds) {
        return load(userIds.stream().distinct().toList());
    }

    /**
     * Which of {@code candidates} are in {@code userId}'s audience; the user itself always is. A cached audience
     * answers when it holds every candidate; otherwise it is loaded once the writes acked before are stored (a first
     * message or a join a moment ago counts).
     */
    public Set<String> among(String userId, Collection<String> candidates) {
        Set<String> cached = cache.getIfPresent(userId);
        if (cached != null) {
            Set<String> found = intersect(userId, cached, candidates);
            if (found.size() == new HashSet<>(candidates).size()) {
                return found;
            }
        }
        consistency.awaitEarlierWrites();
        return intersect(userId, load(List.of(userId)).get(userId), candidates);
    }

    private static Set<String> intersect(String userId, Set<String> audience, Collection<String> candidates) {
        Set<String> found = new LinkedHashSet<>();
        for (String candidate : candidates) {
            if (candidate.equals(userId) || audience.contains(candidate)) {
                found.add(candidate);
            }
        }
        return found;
    }

    private Map<String, Set<String>> load(List<String> userIds) {
        Instant now = clock.instant();
        int limit = userIds.size() * MAX_ROWS_PER_USER;
        Map<String, Set<String>> members = new HashMap<>();
        userIds.forEach(id -> members.put(id, new HashSet<>()));
        List<AudiencePair> pairs = new ArrayList<>(
                queries.run(new SelectRoomAudiences(userIds, MAX_ROOM_MEMBERS, limit)));
        pairs.addAll(queries.run(new SelectDirectAudiences(userIds, now.minus(DIRECT_WINDOW), limit)));
        pairs.forEach(pair -> members.get(pair.userId()).add(pair.member()));
        Map<String, Set<String>> loaded = new HashMap<>();
        members.forEach((id, set) -> {
            Set<String> audience = Set.copyOf(set);
            cache.put(id, audience);
            loaded.put(id, audience);
        });
        return loaded;
    }
}
