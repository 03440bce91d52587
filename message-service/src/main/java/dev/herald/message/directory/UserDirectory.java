package dev.herald.message.directory;

import dev.herald.message.error.HeraldException;
import dev.herald.message.presence.PresenceTable;
import dev.herald.message.stream.Watermark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Answers "is this a known user?" for receivers, cheaply on the hot path. A user is known once it
 * has gone online anywhere (its directory write is in the stream) or an admin provisioned it.
 * Checked in order: online now, recently seen by this instance, the users table, and finally the
 * table again after the persistence watermark has passed every write made so far (a user who went
 * online a moment ago on another instance may not be stored yet).
 */
public final class UserDirectory {

    private final DSLContext dsl;
    private final PresenceTable presence;
    private final Watermark watermark;
    private final Duration storedWait;
    private final int cacheLimit;
    private final Set<String> recentlyKnown = ConcurrentHashMap.newKeySet();

    public UserDirectory(DSLContext dsl, PresenceTable presence, Watermark watermark,
            Duration storedWait, int cacheLimit) {
        this.dsl = dsl;
        this.presence = presence;
        this.watermark = watermark;
        this.storedWait = storedWait;
        this.cacheLimit = cacheLimit;
    }

    /** Records a user this instance has just seen go online. */
    public void remember(String userId) {
        if (recentlyKnown.size() >= cacheLimit) {
            recentlyKnown.clear(); // A cache: losing it costs one query per user, never correctness.
        }
        recentlyKnown.add(userId);
    }

    /** Forgets a user this instance saw (an erased one): the table decides from now on. */
    public void forget(String userId) {
        recentlyKnown.remove(userId);
    }

    /**
     * @throws HeraldException.NotFound naming the first unknown receiver
     */
    public void requireKnown(Collection<String> userIds, String field) {
        List<String> unresolved = new ArrayList<>();
        for (String id : userIds) {
            if (!presence.isOnline(id) && !recentlyKnown.contains(id)) {
                unresolved.add(id);
            }
        }
        if (unresolved.isEmpty()) {
            return;
        }
        unresolved.removeAll(fetchKnown(unresolved));
        if (!unresolved.isEmpty() && watermark.awaitEarlierWrites(storedWait)) {
            unresolved.removeAll(fetchKnown(unresolved));
        }
        if (!unresolved.isEmpty()) {
            throw new HeraldException.NotFound(field, "unknown receiver: " + unresolved.getFirst());
        }
    }

    private Set<String> fetchKnown(List<String> userIds) {
        try {
            Set<String> known = new SelectKnownUserIds(userIds).apply(dsl);
            known.forEach(this::remember);
            return known;
        } catch (DataAccessException e) {
            throw new HeraldException.Unavailable("user directory unavailable, retry", e);
        }
    }
}
