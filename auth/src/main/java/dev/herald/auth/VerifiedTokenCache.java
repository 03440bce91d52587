package dev.herald.auth;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.cache.Cache;
import com.google.common.base.Throwables;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.ExecutionError;
import com.google.common.util.concurrent.UncheckedExecutionException;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers successful verifications, keyed by the exact token string, until the token expires, so a client
 * that presents the same token again costs a map lookup instead of a signature check. Holds at most
 * {@code maxEntries} tokens, evicting the least recently used; failures are never cached. Every hit is checked
 * against the clock, so an entry is never returned at or after its {@code expiresAt}. When the identity provider stops
 * publishing a key (rotation, a key withdrawn), the whole cache is dropped, so a token signed by that key is verified
 * again, and refused, at its next use: a rotation costs one signature check per token in use. Thread-safe.
 */
public final class VerifiedTokenCache {

    private final TokenVerifier verifier;
    private final Cache<String, VerifiedUser> verified;
    private final Clock clock;
    /** Bumped before each drop, so a verification that raced a drop does not stay cached. */
    private final AtomicLong drops = new AtomicLong();

    public VerifiedTokenCache(JwtVerifier verifier, int maxEntries, Clock clock) {
        this(requireNonNull(verifier, "verifier")::verify, maxEntries, clock);
        verifier.onKeysRetired(this::dropAll);
    }

    VerifiedTokenCache(TokenVerifier verifier, int maxEntries, Clock clock) {
        checkArgument(maxEntries > 0, "maxEntries: %s (expected: > 0)", maxEntries);
        this.verifier = requireNonNull(verifier, "verifier");
        this.clock = requireNonNull(clock, "clock");
        this.verified = CacheBuilder.newBuilder().maximumSize(maxEntries).build();
    }

    /** Like {@link JwtVerifier#verify(String)}, answered from the cache while the token is unexpired. */
    public VerifiedUser verify(String token) throws AuthException {
        requireNonNull(token, "token");
        final VerifiedUser cached = verified.getIfPresent(token);
        if (cached != null) {
            if (isUnexpired(cached)) {
                return cached;
            }
            verified.invalidate(token);
        }
        final long dropsBefore = drops.get();
        final VerifiedUser user = verifiedOnce(token);
        if (!isUnexpired(user) || drops.get() != dropsBefore) {
            // Past exp within the verifier's leeway: answered, not kept. Or verified against keys that may be gone.
            verified.invalidate(token);
        }
        return user;
    }

    /**
     * Verifies {@code token} and caches the result; concurrent misses of one token (a sign-in's bearer check and its
     * link proof arrive together) share one verification. A failure is not cached.
     */
    private VerifiedUser verifiedOnce(String token) throws AuthException {
        try {
            return verified.get(token, () -> verifier.verify(token));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthException refused) {
                throw refused;
            }
            throw new IllegalStateException("token verification failed", e.getCause());
        } catch (UncheckedExecutionException | ExecutionError e) {
            Throwables.throwIfUnchecked(e.getCause());
            throw e;
        }
    }

    /** Forgets every verified token: each is verified again at its next use. */
    void dropAll() {
        drops.incrementAndGet();
        verified.invalidateAll();
    }

    private boolean isUnexpired(VerifiedUser user) {
        return clock.instant().isBefore(user.expiresAt());
    }
}
