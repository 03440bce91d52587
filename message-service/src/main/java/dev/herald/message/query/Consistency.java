package dev.herald.message.query;

import dev.herald.message.stream.Watermark;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes for queries: before reading PostgreSQL, wait (bounded) until every write
 * accepted so far is stored, so a message acked a moment ago, or a read mark just made, is seen.
 */
public final class Consistency {

    private static final Logger logger = LoggerFactory.getLogger(Consistency.class);

    private final Watermark watermark;
    private final Duration maxWait;

    public Consistency(Watermark watermark, Duration maxWait) {
        this.watermark = watermark;
        this.maxWait = maxWait;
    }

    /**
     * Runs a lookup; when its answer is incomplete (some named rows missing, maybe because they were
     * accepted a moment ago and are not stored yet), waits for the watermark and runs it again.
     */
    public <T> T lookupWaitingForMissing(Supplier<T> lookup, Predicate<T> complete) {
        T first = lookup.get();
        if (complete.test(first)) {
            return first;
        }
        awaitEarlierWrites();
        return lookup.get();
    }

    /** @return false when the worker did not catch up in time (the read may then miss recent writes) */
    public boolean awaitEarlierWrites() {
        boolean caughtUp = watermark.awaitEarlierWrites(maxWait);
        if (!caughtUp) {
            logger.warn("persistence watermark not reached within {}: reading what is stored", maxWait);
        }
        return caughtUp;
    }
}
