package dev.herald.message.limits;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;

/**
 * The token buckets of one kind of call, one per caller id, in bounded memory. A bucket left alone for its
 * {@linkplain Rate#refillTime refill time} is full, the same as a new one, so it is dropped then: only callers
 * active within that time are held. Past {@code maxCallers} (a flood of distinct valid users) the least recently
 * used bucket is dropped, which can only give an idle caller its burst back early; a caller calling all along is
 * the most recently used and keeps its bucket.
 */
final class UserBuckets {

    private final Ticker ticker;
    private final LoadingCache<String, TokenBucket> buckets;

    UserBuckets(Rate rate, int maxCallers, Ticker ticker) {
        requireNonNull(rate, "rate");
        if (maxCallers <= 0) {
            throw new IllegalArgumentException("maxCallers: " + maxCallers + " (expected: > 0)");
        }
        this.ticker = requireNonNull(ticker, "ticker");
        this.buckets = CacheBuilder.newBuilder()
                .maximumSize(maxCallers)
                .expireAfterAccess(rate.refillTime())
                .ticker(ticker)
                .build(CacheLoader.from(callerId -> new TokenBucket(rate, ticker.read())));
    }

    /** Takes a token of {@code callerId}'s bucket: 0 when taken, else the nanoseconds until one is there. */
    long tryTake(String callerId) {
        return buckets.getUnchecked(callerId).tryTake(ticker.read());
    }

    /** Buckets held right now (after dropping the expired ones). */
    long size() {
        buckets.cleanUp();
        return buckets.size();
    }
}
