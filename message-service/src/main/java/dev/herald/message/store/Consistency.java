package dev.herald.message.store;

import dev.herald.logging.RepeatingWarning;
import dev.herald.message.stream.Watermark;
import java.time.Duration;
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
    /** While the worker or NATS is down every read misses the watermark: one line, then a count every 30 s. */
    private final RepeatingWarning behind = new RepeatingWarning(logger);

    public Consistency(Watermark watermark, Duration maxWait) {
        this.watermark = watermark;
        this.maxWait = maxWait;
    }

    /**
     * Runs a lookup once every write accepted so far is stored (or the bounded wait is over). Not only when rows are
     * missing: a row that is there may still be older than a write its caller was just acked for (a read mark, a
     * delete, a recall), and a write decided on that old row would be applied twice.
     */
    public <T> T lookupAfterEarlierWrites(Supplier<T> lookup) {
        awaitEarlierWrites();
        return lookup.get();
    }

    /** @return false when the worker did not catch up in time (the read may then miss recent writes) */
    public boolean awaitEarlierWrites() {
        boolean caughtUp = watermark.awaitEarlierWrites(maxWait);
        warnUnless(caughtUp);
        return caughtUp;
    }

    /**
     * Waits like {@link #awaitEarlierWrites()} and tells the persistence ack floor: every stream sequence at or below
     * it is stored, so a read bounded by it sees no gap that a later commit could fill.
     */
    public Watermark.Progress awaitStoredFloor() {
        Watermark.Progress progress = watermark.awaitProgress(maxWait);
        warnUnless(progress.caughtUp());
        return progress;
    }

    private void warnUnless(boolean caughtUp) {
        if (!caughtUp) {
            behind.warn(warning -> warning.addKeyValue("watermark", watermark.toString())
                    .addKeyValue("maxWaitMs", maxWait.toMillis())
                    .log("persistence watermark not reached in time: reading what is stored"));
        }
    }
}
