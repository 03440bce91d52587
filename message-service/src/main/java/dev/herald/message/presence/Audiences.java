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
 * <p>Audiences are cached for {@code ttl} and loaded for many users in one query per part, so a sign-in storm
 * costs two bounded queries per batch of users, not per sign-in. A push reloads an audience older than
 * {@link #RECHECK_AFTER}; a lookup that names someone outside a cached audience reloads it after the writes acked
 * before it are stored (a first message or a join a moment ago).
 */
public final class Audiences {

    public static final int MAX_ROOM_MEMBERS = 500;
    static final Duration DIRECT_WINDOW = Duration.ofDays(30);
    static final Duration RECHECK_AFTER = Duration.ofSeconds(2);
    /** Rows read per user at most, per part: beyond it an audience is cut rather than the database loaded. */
    private static final int MAX_ROWS_PER_USER = 10_000;

    private final QueryRunner queries;
    private final Consistency consistency;
    private final Clock clock;
    private final Cache<String, Loaded> cache;

    /** @param consistency waited on before an audience is reloaded for a miss (a first message acked a moment ago) */
    public Audiences(QueryRunner queries, Consistency consistency, Clock clock, Duration ttl, long maxUsers) {
        this.queries = requireNonNull(queries, "queries");
        this.consistency = requireNonNull(consistency, "consistency");
        this.clock = requireNonNull(clock, "clock");
        this.cache = CacheBuilder.newBuilder().expireAfterWrite(ttl).maximumSize(maxUsers).build();
    }

    /**
     * The audiences of the given users, for a push: ones cached within {@link #RECHECK_AFTER} as cached, the others
     * loaded together. A push cannot tell whom a stale audience misses (a member who joined a moment ago would not
     * hear the notice), so it never uses one older than that.
     */
    public Map<String, Set<String>> of(Collection<String> userIds) {
        Map<String, Set<String>> audiences = new HashMap<>();
        Instant freshAfter = clock.instant().minus(RECHECK_AFTER);
        List<String> missing = userIds.stream().distinct().filter(id -> {
            Loaded cached = cache.getIfPresent(id);
            boolean fresh = cached != null && !cached.loadedAt().isBefore(freshAfter);
            if (fresh) {
                audiences.put(id, cached.members());
            }
            return !fresh;
        }).toList();
        if (!missing.isEmpty()) {
            load(missing).forEach((id, loaded) -> audiences.put(id, loaded.members()));
        }
        return audiences;
    }

    /**
     * Which of {@code candidates} are in {@code userId}'s audience; the user itself always is. Reloads the audience
     * once when a candidate is outside it and it is older than {@link #RECHECK_AFTER}.
     */
    public Set<String> among(String userId, Collection<String> candidates) {
        Loaded loaded = cache.getIfPresent(userId);
        if (loaded == null) {
            loaded = load(List.of(userId)).get(userId);
        }
        Set<String> found = intersect(userId, loaded, candidates);
        if (found.size() < new HashSet<>(candidates).size()) {
            // A miss may be a first message or a join acked a moment ago: look again once it is stored.
            consistency.awaitEarlierWrites();
            found = intersect(userId, load(List.of(userId)).get(userId), candidates);
        }
        return found;
    }

    private static Set<String> intersect(String userId, Loaded loaded, Collection<String> candidates) {
        Set<String> found = new LinkedHashSet<>();
        for (String candidate : candidates) {
            if (candidate.equals(userId) || loaded.members().contains(candidate)) {
                found.add(candidate);
            }
        }
        return found;
    }

    private Map<String, Loaded> load(List<String> userIds) {
        Instant now = clock.instant();
        int limit = userIds.size() * MAX_ROWS_PER_USER;
        Map<String, Set<String>> members = new HashMap<>();
        userIds.forEach(id -> members.put(id, new HashSet<>()));
        List<AudiencePair> pairs = new ArrayList<>(
                queries.run(new SelectRoomAudiences(userIds, MAX_ROOM_MEMBERS, limit)));
        pairs.addAll(queries.run(new SelectDirectAudiences(userIds, now.minus(DIRECT_WINDOW), limit)));
        pairs.forEach(pair -> members.get(pair.userId()).add(pair.member()));
        Map<String, Loaded> loaded = new HashMap<>();
        members.forEach((id, set) -> {
            Loaded entry = new Loaded(Set.copyOf(set), now);
            cache.put(id, entry);
            loaded.put(id, entry);
        });
        return loaded;
    }

    private record Loaded(Set<String> members, Instant loadedAt) {}
}
